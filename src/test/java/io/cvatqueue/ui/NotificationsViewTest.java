package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.notification.Notification;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The unread badge in the navbar and the notifications page that clears it. */
class NotificationsViewTest extends KaribuSpringTest {

    @Autowired
    NotificationService notifications;

    AppUser reviewer;

    @BeforeEach
    void aReviewerWithoutNotifications() {
        reviewer = account("bell-" + UUID.randomUUID().toString().substring(0, 8), Role.REVIEWER, "ravi");
    }

    @Test
    void everyKindOfNotificationLeadsToAPageItsRecipientCanOpen() {
        AppUser admin = account("bell-admin-" + UUID.randomUUID().toString().substring(0, 8), Role.ADMIN, "demo-admin");
        for (NotificationKind kind : NotificationKind.values()) {
            for (AppUser recipient : List.of(reviewer, admin)) {
                String route = NotificationRoutes.route(kind, recipient.isAdmin());
                loginAs(recipient);

                UI.getCurrent().navigate(route);

                assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                        .as(kind + " for " + recipient.role()).isEqualTo(route);
                assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain()).isNotEmpty()
                        .noneMatch(target -> target.getClass().getSimpleName().contains("Error"));
            }
        }
    }

    @Test
    void badgeCountsUnreadNotificationsAndUpdatesThroughPush() {
        loginAs(reviewer);
        MainLayout layout = _get(MainLayout.class);
        assertThat(layout.unreadBadge.isVisible()).isFalse();

        notifications.notify(reviewer.username(), NotificationKind.REVIEW_ASSIGNED, "Job 7 is assigned to you");
        notifications.notify(reviewer.username(), NotificationKind.JOB_RETURNED, "Job 8 is back for your review");
        MockVaadin.runUIQueue();

        assertThat(layout.unreadBadge.isVisible()).isTrue();
        assertThat(layout.unreadBadge.getText()).isEqualTo("2");
        assertThat(notificationTexts()).contains("Job 8 is back for your review");
    }

    @Test
    void markingOneReadLowersTheBadgeAndMarkingAllClearsIt() {
        notifications.notify(reviewer.username(), NotificationKind.REVIEW_ASSIGNED, "Job 1 is assigned to you");
        notifications.notify(reviewer.username(), NotificationKind.REVIEW_ASSIGNED, "Job 2 is assigned to you");
        notifications.notify(reviewer.username(), NotificationKind.REVIEW_ASSIGNED, "Job 3 is assigned to you");
        loginAs(reviewer);
        UI.getCurrent().navigate("notifications");
        NotificationsView view = _get(NotificationsView.class);
        MainLayout layout = _get(MainLayout.class);
        assertThat(layout.unreadBadge.getText()).isEqualTo("3");
        assertThat(view.grid.getPartNameGenerator().apply(GridKt._get(view.grid, 0))).isEqualTo("unread");

        _click((Button) GridKt._getCellComponent(view.grid, 0, "read"));
        MockVaadin.runUIQueue();

        assertThat(layout.unreadBadge.getText()).isEqualTo("2");
        List<Notification> shown = GridKt._fetch(view.grid, 0, 100);
        assertThat(shown).filteredOn(Notification::unread).hasSize(2);

        _click(view.markAllRead);
        MockVaadin.runUIQueue();

        assertThat(layout.unreadBadge.isVisible()).isFalse();
        assertThat(GridKt._fetch(view.grid, 0, 100)).noneMatch(Notification::unread);
        assertThat(view.markAllRead.isEnabled()).isFalse();
    }
}
