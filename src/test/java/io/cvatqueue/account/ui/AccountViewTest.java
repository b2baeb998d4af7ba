package io.cvatqueue.account.ui;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.ui.BrowserZone;
import io.cvatqueue.security.ApiTokenService;
import io.cvatqueue.ui.KaribuSpringTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

/** A user's own account page: password, CVAT token, REST API tokens. */
class AccountViewTest extends KaribuSpringTest {

    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    ApiTokenService apiTokens;
    @Autowired
    AwayService away;

    AppUser rita;

    @BeforeEach
    void ritaWithAKnownPassword() {
        AppUser account = account("account-rita", Role.REVIEWER, "rita");
        rita = users.save(users.findById(account.id()).orElseThrow()
                .withPasswordHash(passwordEncoder.encode("old-password")));
        actAs(rita);
        away.currentAndComing(rita.username()).forEach(period -> away.cancel(period.id()));
    }

    @Test
    void passwordChangesOnlyWithTheCurrentPassword() {
        AccountView view = open();

        _setValue(view.currentPassword, "not-my-password");
        _setValue(view.newPassword, "new-password-1");
        _setValue(view.repeatPassword, "new-password-1");
        _click(_get(Button.class, spec -> spec.withId("change-password")));
        assertThat(notificationTexts()).contains("The current password is wrong");
        assertThat(passwordEncoder.matches("old-password", reloadRita().passwordHash())).isTrue();

        _setValue(view.currentPassword, "old-password");
        _setValue(view.newPassword, "new-password-1");
        _setValue(view.repeatPassword, "new-password-1");
        _click(_get(Button.class, spec -> spec.withId("change-password")));

        assertThat(notificationTexts()).contains("Password changed");
        assertThat(passwordEncoder.matches("new-password-1", reloadRita().passwordHash())).isTrue();
    }

    @Test
    void aCvatTokenOfSomeoneElseIsRefusedAndTheOldOneKept() {
        AccountView view = open();
        String before = reloadRita().cvatTokenEnc();

        _setValue(view.cvatToken, "demo-ravi-token");
        _click(_get(Button.class, spec -> spec.withId("replace-cvat-token")));

        assertThat(notificationTexts()).anyMatch(text -> text.contains("belongs to CVAT user ravi"));
        assertThat(reloadRita().cvatTokenEnc()).isEqualTo(before);
    }

    @Test
    void anApiTokenIsShownOnceWorksAndCanBeRevoked() {
        AccountView view = open();

        _setValue(view.tokenName, "export script");
        _click(_get(Button.class, spec -> spec.withId("create-api-token")));
        String token = _get(TextField.class, spec -> spec.withId("api-token-value")).getValue();

        assertThat(apiTokens.authenticate(token)).hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("account-rita"));
        assertThat(view.tokens.getGenericDataView().getItems()).anyMatch(t -> t.name().equals("export script"));

        long id = apiTokens.listOwn().stream().filter(t -> t.name().equals("export script")).findFirst()
                .orElseThrow().id();
        apiTokens.revoke(id);
        assertThat(apiTokens.authenticate(token)).isEmpty();
    }

    @Test
    void aReviewerMarksThemselvesAwaySeesThePeriodAndCancelsIt() {
        open();
        LocalDate firstDay = LocalDate.now(BrowserZone.current()).plusDays(7);

        _setValue(_get(DatePicker.class, spec -> spec.withId("away-first-day")), firstDay);
        _setValue(_get(DatePicker.class, spec -> spec.withId("away-last-day")), firstDay.plusDays(4));
        _setValue(_get(TextField.class, spec -> spec.withId("away-note")), "holiday");
        _click(_get(Button.class, spec -> spec.withId("mark-away")));

        assertThat(notificationTexts()).anyMatch(t -> t.startsWith("account-rita is away from "));
        assertThat(away.currentAndComing(rita.username())).singleElement().satisfies(p -> {
            assertThat(p.startsAt()).isEqualTo(firstDay.atStartOfDay(BrowserZone.current()).toInstant());
            assertThat(p.endsAt()).isEqualTo(firstDay.plusDays(5).atStartOfDay(BrowserZone.current()).toInstant());
            assertThat(p.note()).isEqualTo("holiday");
        });

        _click((Button) GridKt._getCellComponent(_get(Grid.class, spec -> spec.withId("away-periods")), 0, "cancel"));

        assertThat(notificationTexts()).contains("Away period cancelled");
        assertThat(away.currentAndComing(rita.username())).isEmpty();
    }

    @Test
    void aPeriodWhoseLastDayIsBeforeItsFirstIsRefusedWithAMessage() {
        open();
        LocalDate firstDay = LocalDate.now(BrowserZone.current()).plusDays(7);

        _setValue(_get(DatePicker.class, spec -> spec.withId("away-first-day")), firstDay);
        _setValue(_get(DatePicker.class, spec -> spec.withId("away-last-day")), firstDay.minusDays(1));
        _click(_get(Button.class, spec -> spec.withId("mark-away")));

        assertThat(notificationTexts()).contains("The last day is before the first day");
        assertThat(away.currentAndComing(rita.username())).isEmpty();
    }

    @Test
    void aPeriodOverlappingAnotherIsRefusedNamingTheOther() {
        open();
        LocalDate firstDay = LocalDate.now(BrowserZone.current()).plusDays(20);
        _setValue(_get(DatePicker.class, spec -> spec.withId("away-first-day")), firstDay);
        _setValue(_get(DatePicker.class, spec -> spec.withId("away-last-day")), firstDay.plusDays(3));
        _click(_get(Button.class, spec -> spec.withId("mark-away")));

        _setValue(_get(DatePicker.class, spec -> spec.withId("away-first-day")), firstDay.plusDays(2));
        _setValue(_get(DatePicker.class, spec -> spec.withId("away-last-day")), firstDay.plusDays(6));
        _click(_get(Button.class, spec -> spec.withId("mark-away")));

        assertThat(notificationTexts()).anyMatch(t -> t.startsWith("It overlaps the away period from "));
        assertThat(away.currentAndComing(rita.username())).hasSize(1);
    }

    @Test
    void withoutAnSmtpServerThePageSaysThatNotificationsAreInAppOnly() {
        open();

        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class,
                spec -> spec.withId("notification-mail-status")).getText()).startsWith("E-mail is off on this server");
    }

    private AccountView open() {
        loginAs(rita);
        UI.getCurrent().navigate("account");
        return _get(AccountView.class);
    }

    private AppUser reloadRita() {
        return users.findById(rita.id()).orElseThrow();
    }
}
