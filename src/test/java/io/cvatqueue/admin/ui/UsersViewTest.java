package io.cvatqueue.admin.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.review.away.AwayPeriod;
import io.cvatqueue.security.LoginThrottle;
import io.cvatqueue.ui.BrowserZone;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.LocalDate;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin > Users: role changes, activation and password resets, with the last admin protected. */
class UsersViewTest extends AdminUiTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    LoginThrottle loginThrottle;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;

    AppUser admin;
    AppUser rita;

    @BeforeEach
    void oneAdminAndOneReviewer() {
        // reviews and audit entries name users by username only, so accounts can be replaced freely
        jdbc.update("delete from app_user");
        jdbc.update("delete from login_failure");
        jdbc.update("delete from reviewer_away");
        admin = account("alice", Role.ADMIN, "demo-admin");
        rita = account("rita", Role.REVIEWER, "rita");
        login(admin);
        UI.getCurrent().navigate(UsersView.class);
    }

    @Test
    void adminMarksAReviewerAwayFromTheWorkloadListWhichThenSaysUntilWhen() {
        WorkloadPanel workload = _get(WorkloadPanel.class);
        int ritaRow = GridKt._findAll(workload.grid).stream().map(w -> w.username()).toList().indexOf("rita");
        _click((Button) GridKt._getCellComponent(workload.grid, ritaRow, "awayPeriods"));
        LocalDate today = LocalDate.now(BrowserZone.current());

        _setValue(_get(DatePicker.class, spec -> spec.withId("away-first-day")), today);
        _setValue(_get(DatePicker.class, spec -> spec.withId("away-last-day")), today.plusDays(2));
        _setValue(_get(TextField.class, spec -> spec.withId("away-note")), "conference");
        _click(_get(Button.class, spec -> spec.withId("mark-away")));

        assertThat(notificationTexts()).anyMatch(t -> t.startsWith("rita is away from "));
        String until = Formats.time(today.plusDays(3).atStartOfDay(BrowserZone.current()).toInstant());
        assertThat(((Span) GridKt._getCellComponent(workload.grid, ritaRow, "away")).getText())
                .isEqualTo("away until " + until);
        @SuppressWarnings("unchecked")
        Grid<AwayPeriod> periods = _get(Grid.class, spec -> spec.withId("away-periods"));
        assertThat(GridKt._findAll(periods)).singleElement().extracting(AwayPeriod::note).isEqualTo("conference");
        jdbc.update("delete from reviewer_away where username = 'rita'"); // other tests of this app assign to rita
    }

    @Test
    void listsEveryAccountWithRoleCvatUserAndInstance() {
        Grid<AppUser> grid = grid();

        assertThat(GridKt._findAll(grid)).extracting(AppUser::username).containsExactly("alice", "rita");
        assertThat(GridKt._getFormatted(grid, 1, "cvatUser")).isEqualTo("rita");
        assertThat(GridKt._getFormatted(grid, 1, "instance")).isEqualTo(demoInstance().name());
    }

    @Test
    void adminMakesAReviewerAdminAfterConfirming() {
        _click(rowButton("rita", "Make admin"));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(confirm)).isEqualTo("Make rita an admin?");

        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(users.findByUsername("rita").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(rowButton("rita", "Make reviewer")).isNotNull();
    }

    @Test
    void lastActiveAdminCannotLoseTheAdminRoleAndIsToldWhy() {
        _click(rowButton("alice", "Make reviewer"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(notificationTexts()).contains("The last active admin cannot lose the admin role");
        assertThat(users.findByUsername("alice").orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void lastActiveAdminCannotBeDeactivated() {
        _click(rowButton("alice", "Deactivate"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(notificationTexts()).contains("The last active admin cannot be deactivated");
        assertThat(users.findByUsername("alice").orElseThrow().active()).isTrue();
    }

    @Test
    void deactivationNeedsConfirmationAndCanBeUndone() {
        _click(rowButton("rita", "Deactivate"));
        ConfirmDialogKt._fireCancel(_get(ConfirmDialog.class));
        assertThat(users.findByUsername("rita").orElseThrow().active()).isTrue();

        _click(rowButton("rita", "Deactivate"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(users.findByUsername("rita").orElseThrow().active()).isFalse();

        _click(rowButton("rita", "Activate"));
        assertThat(users.findByUsername("rita").orElseThrow().active()).isTrue();
    }

    @Test
    void deactivatingAReviewerSaysWhatBecomesOfTheirOpenReviewsAndMovesThemToOthers() {
        account("leaving", Role.REVIEWER, "rita");
        account("taking", Role.REVIEWER, "ravi");
        Review review = new ReviewFixture(context).queueReviews(demoInstance()).get(0);
        reviewService.assign(review.id(), "leaving");
        jdbc.update("update app_user set active = false where username = 'rita'"); // the only one to take it
        UI.getCurrent().navigate(UsersView.class);

        _click(rowButton("leaving", "Deactivate"));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getText(confirm)).contains("Their 1 open review(s) go to other reviewers");
        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(users.findByUsername("leaving").orElseThrow().active()).isFalse();
        assertThat(reviews.findById(review.id()).orElseThrow().reviewer()).isEqualTo("taking");
        assertThat(notificationTexts()).contains("leaving is deactivated; their open reviews: 1 assigned (taking 1)");
    }

    @Test
    void passwordResetNeedsTheSamePasswordTwice() {
        _click(rowButton("rita", "Reset password"));
        _setValue(_get(PasswordField.class, spec -> spec.withId("new-password")), "new secret 1");
        _setValue(_get(PasswordField.class, spec -> spec.withId("repeat-password")), "new secret 2");
        _click(_get(Button.class, spec -> spec.withId("set-password")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("password-error"))
                .getText()).isEqualTo("The two passwords differ");
        assertThat(passwordEncoder.matches("new secret 1", users.findByUsername("rita").orElseThrow().passwordHash()))
                .isFalse();

        _setValue(_get(PasswordField.class, spec -> spec.withId("repeat-password")), "new secret 1");
        _click(_get(Button.class, spec -> spec.withId("set-password")));

        assertThat(passwordEncoder.matches("new secret 1", users.findByUsername("rita").orElseThrow().passwordHash()))
                .isTrue();
    }

    @Test
    void lockedAccountIsShownWithTheTimeItOpensAndAdminUnlocksIt() {
        for (int i = 0; i < 5; i++) {
            loginThrottle.failed("rita", null);
        }
        UI.getCurrent().navigate(UsersView.class);

        assertThat(GridKt._getCellComponent(grid(), 1, "active").getElement().getText()).startsWith("locked until ");
        _click(rowButton("rita", "Unlock"));

        assertThat(notificationTexts()).contains("rita can log in again now");
        assertThat(loginThrottle.lockedUntil("rita", null)).isEmpty();
        assertThat(GridKt._getCellComponent(grid(), 1, "active").getElement().getText()).isEqualTo("active");
        jdbc.update("delete from login_failure");
    }

    @Test
    void aCommonPasswordIsRefusedOnReset() {
        _click(rowButton("rita", "Reset password"));
        _setValue(_get(PasswordField.class, spec -> spec.withId("new-password")), "password123");
        _setValue(_get(PasswordField.class, spec -> spec.withId("repeat-password")), "password123");
        _click(_get(Button.class, spec -> spec.withId("set-password")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("password-error")).getText()).contains("too easy to guess");
    }

    private Grid<AppUser> grid() {
        @SuppressWarnings("unchecked")
        Grid<AppUser> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        return grid;
    }

    private Button rowButton(String username, String caption) {
        Grid<AppUser> grid = grid();
        List<AppUser> rows = GridKt._findAll(grid);
        int row = rows.stream().map(AppUser::username).toList().indexOf(username);
        return _get(GridKt._getCellComponent(grid, row, "actions"), Button.class,
                spec -> spec.withAttribute("aria-label", caption));
    }
}
