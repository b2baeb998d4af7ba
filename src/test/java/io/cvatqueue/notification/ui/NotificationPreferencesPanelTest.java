package io.cvatqueue.notification.ui;

import com.vaadin.flow.component.UI;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.account.ui.AccountView;
import io.cvatqueue.notification.EmailMode;
import io.cvatqueue.notification.NotificationChannelsTest;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** My account > Notifications: the address and the channels per kind, saved for the logged-in user only. */
class NotificationPreferencesPanelTest extends NotificationChannelsTest {

    AppUser ravi;

    @BeforeEach
    void raviOnHisAccountPage() {
        ravi = account("panel-ravi-" + UUID.randomUUID().toString().substring(0, 8), Role.REVIEWER, "ravi");
        loginAs(ravi);
        UI.getCurrent().navigate(AccountView.class);
    }

    @Test
    void chosenChannelsAreSavedPerKind() {
        NotificationPreferencesPanel panel = _get(NotificationPreferencesPanel.class);
        assertThat(panel.emailMode.get(NotificationKind.JOB_REJECTED).getValue()).isEqualTo(EmailMode.OFF);

        _setValue(panel.email, "ravi@example.test");
        _setValue(panel.emailMode.get(NotificationKind.REVIEW_ASSIGNED), EmailMode.IMMEDIATE);
        _setValue(panel.emailMode.get(NotificationKind.REVIEW_OVERDUE), EmailMode.DIGEST);
        _setValue(panel.inApp.get(NotificationKind.JOB_DELETED), false);
        _click(panel.save);

        assertThat(notificationTexts()).contains("Notification settings saved");
        NotificationSettings saved = preferences.of(ravi.username());
        assertThat(saved.email()).isEqualTo("ravi@example.test");
        assertThat(saved.of(NotificationKind.REVIEW_ASSIGNED).email()).isEqualTo(EmailMode.IMMEDIATE);
        assertThat(saved.of(NotificationKind.REVIEW_OVERDUE).email()).isEqualTo(EmailMode.DIGEST);
        assertThat(saved.of(NotificationKind.JOB_DELETED).inApp()).isFalse();
        assertThat(saved.of(NotificationKind.JOB_REJECTED).inApp()).isTrue();
    }

    @Test
    void anInvalidAddressIsMarkedAndNothingSaved() {
        NotificationPreferencesPanel panel = _get(NotificationPreferencesPanel.class);

        _setValue(panel.email, "ravi@@example");
        _click(panel.save);

        assertThat(panel.email.isInvalid()).isTrue();
        assertThat(panel.email.getErrorMessage()).contains("is not an e-mail address");
        assertThat(preferences.emailAddress(ravi.username())).isNull();
    }
}
