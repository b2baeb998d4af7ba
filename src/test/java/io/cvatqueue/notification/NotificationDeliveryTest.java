package io.cvatqueue.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** E-mail (at once and as a daily digest) and team webhooks, sent from the outbox after the commit. */
class NotificationDeliveryTest extends NotificationChannelsTest {

    @Autowired
    TeamWebhookService teams;
    @Autowired
    DeliveryOutbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    AppUser rita;
    AppUser admin;

    @BeforeEach
    void aReviewerAndAnAdmin() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        rita = account("mail-rita-" + suffix, Role.REVIEWER, "rita");
        admin = account("mail-admin-" + suffix, Role.ADMIN, "demo-admin");
        actAs(admin);
    }

    @Test
    void aKindChosenForImmediateEmailIsMailedAfterTheCommit() throws Exception {
        preferences.save(rita.username(), "rita@example.test",
                List.of(new KindPreference(NotificationKind.REVIEW_ASSIGNED, true, EmailMode.IMMEDIATE)));

        notifications.notify(rita.username(), NotificationKind.REVIEW_ASSIGNED, "Job 7 is assigned to you for review");
        assertThat(SMTP.getReceivedMessages()).as("nothing is sent inside the transaction").isEmpty();
        assertThat(sender.sendDue()).isEqualTo(1);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("rita@example.test");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("queue@example.test");
        assertThat(mail.getSubject()).isEqualTo("[CVAT Queue Manager] Review assigned to you");
        assertThat(mail.getContent().toString()).contains("Job 7 is assigned to you for review")
                .contains("Open CVAT Queue Manager: http://queue.example.test/my-reviews");
        assertThat(notifications.latest(rita.username(), 5)).extracting(Notification::message)
                .containsExactly("Job 7 is assigned to you for review");
    }

    @Test
    void anEmailLinksToThePageItsNotificationLeadsToForThatRecipient() throws Exception {
        List<KindPreference> overdueByMail = List.of(
                new KindPreference(NotificationKind.REVIEW_OVERDUE, true, EmailMode.IMMEDIATE));
        preferences.save(rita.username(), "rita@example.test", overdueByMail);
        preferences.save(admin.username(), "admin@example.test", overdueByMail);

        transactions.executeWithoutResult(tx -> {
            notifications.notify(admin.username(), NotificationKind.REVIEW_OVERDUE, "Review of job 9 is overdue");
            notifications.notify(rita.username(), NotificationKind.REVIEW_OVERDUE, "Review of job 9 is overdue");
        });
        assertThat(sender.sendDue()).isEqualTo(2);

        java.util.Map<String, String> bodies = new java.util.HashMap<>();
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            bodies.put(mail.getAllRecipients()[0].toString(), mail.getContent().toString());
        }
        assertThat(bodies.get("admin@example.test")).as("the admin oversees the queue")
                .contains("Open CVAT Queue Manager: http://queue.example.test/admin/queue");
        assertThat(bodies.get("rita@example.test")).as("the reviewer is the one who is late")
                .contains("Open CVAT Queue Manager: http://queue.example.test/my-reviews");
    }

    @Test
    void aRolledBackStepSendsNothingAndTellsNobody() {
        preferences.save(rita.username(), "rita@example.test",
                List.of(new KindPreference(NotificationKind.JOB_RETURNED, true, EmailMode.IMMEDIATE)));
        teams.save(instance.id(), WEBHOOK.url(), Set.of(NotificationKind.JOB_RETURNED), admin.username());

        transactions.executeWithoutResult(tx -> {
            notifications.notify(rita.username(), NotificationKind.JOB_RETURNED, "Job 8 is back for your review");
            tx.setRollbackOnly();
        });
        sender.sendDue();

        assertThat(notifications.latest(rita.username(), 5)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from notification_delivery", Long.class)).isZero();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(WEBHOOK.received()).isEmpty();
    }

    @Test
    void digestKindsAreHeldAndArriveAsOneEmailPerUserAndDay() throws Exception {
        preferences.save(rita.username(), "rita@example.test", List.of(
                new KindPreference(NotificationKind.REVIEW_ASSIGNED, true, EmailMode.DIGEST),
                new KindPreference(NotificationKind.JOB_RETURNED, true, EmailMode.DIGEST)));
        notifications.notify(rita.username(), NotificationKind.REVIEW_ASSIGNED, "Job 11 is assigned to you for review");
        notifications.notify(rita.username(), NotificationKind.JOB_RETURNED, "Job 12 was reworked and is back");

        assertThat(sender.sendDue()).as("held for the digest").isZero();
        assertThat(digest.bundle()).isEqualTo(1);
        assertThat(digest.bundle()).as("a second run (another node) finds nothing left").isZero();
        sender.sendDue();

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[CVAT Queue Manager] Daily digest: 2 notifications");
        assertThat(mail.getContent().toString()).contains("Review assigned to you: Job 11 is assigned to you")
                .contains("Job back for re-review: Job 12 was reworked and is back");
    }

    @Test
    void preferencesAreRespectedPerKind() {
        preferences.save(rita.username(), "rita@example.test", List.of(
                new KindPreference(NotificationKind.REVIEW_ASSIGNED, false, EmailMode.OFF),
                new KindPreference(NotificationKind.JOB_RETURNED, false, EmailMode.IMMEDIATE)));

        notifications.notify(rita.username(), NotificationKind.REVIEW_ASSIGNED, "Job 21 is assigned to you");
        notifications.notify(rita.username(), NotificationKind.JOB_RETURNED, "Job 22 is back");
        notifications.notify(rita.username(), NotificationKind.REVIEW_OVERDUE, "Review of job 23 is overdue");
        sender.sendDue();

        assertThat(notifications.latest(rita.username(), 10)).extracting(Notification::message)
                .as("in-app: only the kind left on (the default)").containsExactly("Review of job 23 is overdue");
        assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactly("[CVAT Queue Manager] Job back for re-review");
    }

    @Test
    void emailNeedsAValidAddressAndIsOffByDefault() {
        assertThat(preferences.of(rita.username()).preferences())
                .allSatisfy(p -> assertThat(p.inApp()).isTrue())
                .allSatisfy(p -> assertThat(p.email()).isEqualTo(EmailMode.OFF));

        assertThatThrownBy(() -> preferences.save(rita.username(), "rita at example", List.of()))
                .isInstanceOf(NotificationException.class).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> preferences.save(rita.username(), " ", List.of(
                new KindPreference(NotificationKind.REVIEW_ASSIGNED, true, EmailMode.IMMEDIATE))))
                .isInstanceOf(NotificationException.class).hasMessageContaining("Enter an e-mail address");
        assertThat(preferences.emailAddress(rita.username())).isNull();
    }

    @Test
    void theTeamWebhookGetsItsKindsOncePerEvent() {
        teams.save(instance.id(), WEBHOOK.url(), Set.of(NotificationKind.REVIEW_OVERDUE), admin.username());

        // as the SLA timer does: the admins and the reviewer are told the same, in one transaction
        transactions.executeWithoutResult(tx -> {
            notifications.notifyAdmins(instance.id(), NotificationKind.REVIEW_OVERDUE, "Review of job 31 is overdue");
            notifications.notify(rita.username(), NotificationKind.REVIEW_OVERDUE, "Review of job 31 is overdue");
        });
        notifications.notify(rita.username(), NotificationKind.REVIEW_ASSIGNED, "Job 32 is assigned to you");
        sender.sendDue();

        assertThat(WEBHOOK.received()).containsExactly(
                "{\"text\":\"Review of job 31 is overdue\\nhttp://queue.example.test\"}");
    }

    @Test
    void aTeamsWorkflowWebhookGetsTheNoticeAsAnAdaptiveCard() throws Exception {
        teams.save(instance.id(), WEBHOOK.teamsWorkflowUrl(), Set.of(NotificationKind.REVIEW_OVERDUE),
                admin.username());

        notifications.notifyAdmins(instance.id(), NotificationKind.REVIEW_OVERDUE, "Review of job 31 is overdue");
        sender.sendDue();

        assertThat(WEBHOOK.received()).hasSize(1);
        JsonNode posted = new ObjectMapper().readTree(WEBHOOK.received().get(0));
        assertThat(posted.path("type").asText()).isEqualTo("message");
        JsonNode attachment = posted.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(attachment.path("content").path("body").findValuesAsText("text")).containsExactly(
                "Review of job 31 is overdue", "[http://queue.example.test](http://queue.example.test)");
    }

    @Test
    void theWebhookUrlIsStoredEncryptedAndShownOnlyAsAHint() {
        TeamWebhook saved = teams.save(instance.id(), WEBHOOK.url(), Set.of(NotificationKind.JOB_REJECTED),
                admin.username());

        assertThat(saved.urlHint()).startsWith("http://127.0.0.1:").endsWith("/…XYZW").doesNotContain("secret-part");
        assertThat(jdbc.queryForObject("select url_enc from team_webhook where instance_id = ?", String.class,
                instance.id())).doesNotContain("hooks").startsWith("v1:");
        assertThatThrownBy(() -> teams.save(instance.id(), "ftp://example.test/x", Set.of(), admin.username()))
                .isInstanceOf(NotificationException.class).hasMessageContaining("http(s)");
    }

    @Test
    void aDeliveryIsClaimedByOneSenderOnly() {
        outbox.enqueueWebhook(instance.id(), NotificationKind.JOB_DELETED, "Job 41 ended", Instant.now());
        Delivery due = outbox.due(Instant.now(), 10).get(0);

        assertThat(outbox.claim(due, Instant.now(), Instant.now().plusSeconds(300))).isTrue();
        assertThat(outbox.claim(due, Instant.now(), Instant.now().plusSeconds(300)))
                .as("the other node's claim of the same row").isFalse();
        assertThat(outbox.due(Instant.now(), 10)).isEmpty();
        assertThat(outbox.due(Instant.now().plusSeconds(301), 10)).as("its node died: taken up after the lease")
                .extracting(Delivery::id).containsExactly(due.id());
    }

    @Test
    void aWebhookThatKeepsFailingIsRetriedWithGrowingWaitsThenFailedForGood() {
        teams.save(instance.id(), WEBHOOK.url(), Set.of(NotificationKind.JOB_DELETED), admin.username());
        WEBHOOK.answer(503, java.time.Duration.ZERO);
        notifications.notifyAdmins(instance.id(), NotificationKind.JOB_DELETED, "Review of job 51 ended");
        long id = onlyDeliveryId();

        sender.sendDue();
        Delivery first = outbox.find(id).orElseThrow();
        assertThat(first.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).isEqualTo("The webhook answered HTTP 503: no_service");
        assertThat(first.nextAttemptAt()).isAfter(Instant.now().plusSeconds(50));
        assertThat(sender.delay(2)).isEqualTo(java.time.Duration.ofMinutes(2));

        outbox.retryNow(id, Instant.now());
        sender.sendDue();
        outbox.retryNow(id, Instant.now());
        sender.sendDue();

        Delivery last = outbox.find(id).orElseThrow();
        assertThat(last.status()).as("max-attempts is 3 here").isEqualTo(Delivery.Status.FAILED);
        assertThat(last.attempts()).isEqualTo(3);
        assertThat(WEBHOOK.received()).hasSize(3);
        assertThat(meters.get("cvat_queue.notification.deliveries").tag("status", "FAILED").gauge().value())
                .isEqualTo(1.0);
    }
}
