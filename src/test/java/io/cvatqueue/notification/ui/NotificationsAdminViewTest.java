package io.cvatqueue.notification.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.notification.Delivery;
import io.cvatqueue.notification.NotificationChannelsTest;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.TeamWebhookService;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin > Notifications: team webhooks with a real test message, and failed deliveries with "Retry now". */
class NotificationsAdminViewTest extends NotificationChannelsTest {

    @Autowired
    ReviewService reviewService;
    @Autowired
    TeamWebhookService teams;

    AppUser admin;
    AppUser rita;

    @BeforeEach
    void anAdminAndAReviewer() {
        admin = account("hooks-admin", Role.ADMIN, "demo-admin");
        rita = account("hooks-rita", Role.REVIEWER, "rita");
    }

    @Test
    void aSlowWebhookNeverHoldsUpTheReviewItsFailureIsShownToAdminsAndRetryNowSendsIt() {
        actAs(admin);
        teams.save(instance.id(), WEBHOOK.url(), Set.of(NotificationKind.JOB_REJECTED), admin.username());
        WEBHOOK.answer(200, Duration.ofSeconds(3));
        Review review = inReviewWithRita();

        reviewService.reject(review.id(), "Missing objects", "Cyclists");
        runDueJobs();

        assertThat(reload(review).status()).isEqualTo(ReviewStatus.REJECTED);
        long started = System.nanoTime();
        sender.sendDue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the 1 s timeout")
                .isLessThan(Duration.ofMillis(2500));

        NotificationsAdminView view = openAsAdmin();
        List<Delivery> shown = GridKt._fetch(view.unsent, 0, 100);
        assertThat(shown).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
            assertThat(d.message()).contains("Job " + review.cvatJobId() + " was rejected by hooks-rita");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("The webhook did not answer within 1 s");
        });
        assertThat(GridKt._getFormatted(view.unsent, 0, "error")).isEqualTo("The webhook did not answer within 1 s");

        WEBHOOK.healthy();
        _click((Button) GridKt._getCellComponent(view.unsent, 0, "retry"));
        sender.sendDue();
        view.refresh();

        assertThat(statusOf(shown.get(0).id())).isEqualTo(Delivery.Status.SENT);
        assertThat(GridKt._fetch(view.unsent, 0, 100)).isEmpty();
        assertThat(WEBHOOK.received()).anyMatch(body -> body.contains("was rejected by hooks-rita: Missing objects"));
    }

    @Test
    void sendTestMessageReportsWhatTheWebhookAnswered() {
        NotificationsAdminView view = openAsAdmin();
        _click((Button) GridKt._getCellComponent(view.webhooks, 0, "actions").getChildren()
                .filter(c -> c instanceof Button b && "Edit".equals(b.getText())).findFirst().orElseThrow());
        _setValue(_get(PasswordField.class, spec -> spec.withId("team-webhook-url")), WEBHOOK.url());
        _setValue(_get(MultiSelectComboBox.class, spec -> spec.withId("team-webhook-kinds")),
                Set.of(NotificationKind.REVIEW_OVERDUE));
        _click(_get(Button.class, spec -> spec.withId("save-team-webhook")));

        assertThat(GridKt._getFormattedRow(view.webhooks, 0)).noneMatch(cell -> cell.contains("secret-part"));
        Button test = testButton(view);
        _click(test);
        assertThat(notificationTexts()).anyMatch(text -> text.endsWith("accepted the test message"));
        assertThat(WEBHOOK.received()).singleElement().asString().contains("Test message from CVAT Queue Manager");

        WEBHOOK.answer(404, Duration.ZERO);
        _click(testButton(view));
        assertThat(notificationTexts()).anyMatch(text ->
                text.contains("The test message was not delivered. The webhook answered HTTP 404"));
    }

    @Test
    void thePageSaysWhereEmailGoes() {
        openAsAdmin();

        assertThat(_get(Paragraph.class, spec -> spec.withId("mail-status")).getText())
                .isEqualTo("E-mail goes through the SMTP server 127.0.0.1:" + SMTP.getSmtp().getPort()
                        + ", sender queue@example.test.");
    }

    private Button testButton(NotificationsAdminView view) {
        return (Button) GridKt._getCellComponent(view.webhooks, 0, "actions").getChildren()
                .filter(c -> c instanceof Button b && "Send test message".equals(b.getText())).findFirst().orElseThrow();
    }

    private NotificationsAdminView openAsAdmin() {
        loginAs(admin);
        UI.getCurrent().navigate(NotificationsAdminView.class);
        return _get(NotificationsAdminView.class);
    }

    private Review inReviewWithRita() {
        Review review = freshQueuedReviews(trackedTask(3), 1).get(0);
        actAs(admin);
        reviewService.assign(review.id(), rita.username());
        actAs(rita);
        reviewService.startReview(review.id());
        runDueJobs();
        return review;
    }
}
