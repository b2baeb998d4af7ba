package io.cvatqueue.review.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.api.ApiClient;
import io.cvatqueue.api.DemoAppTest;
import io.cvatqueue.api.DemoFixture;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.review.AuditEntry;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewChangesFixture;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs changed in CVAT outside the workflow while their review is open, against the demo CVAT over HTTP: the sync
 * and the webhook flag the review and tell the admins; an admin adopts CVAT's state or restores the workflow's.
 */
@DemoAppTest
class CvatDriftIntegrationTest {

    private static final String SECRET = "webhook-secret-for-tests";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DemoCvat cvat;
    @Autowired
    CvatDriftService drifts;
    @Autowired
    ReviewService reviewService;
    @Autowired
    NotificationService notifications;
    @Autowired
    RuntimeService runtime;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;

    ReviewChangesFixture fixture;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void adminAndReviewer() {
        fixture = new ReviewChangesFixture(context);
        admin = fixture.demo().account("drift-admin", Role.ADMIN, "demo-admin");
        rita = fixture.demo().account("drift-rita", Role.REVIEWER, "rita");
        fixture.everyJobQueued(admin);
    }

    @AfterEach
    void logOut() {
        fixture.world().logOut();
    }

    @Test
    void aJobAcceptedByHandInCvatWhileQueuedIsFlaggedAndAdoptingEndsTheReviewAsAcceptedInCvat() {
        Review review = fixture.queued();
        acceptByHand(review);

        fixture.sync(review);

        CvatDrift drift = drifts.openFor(review.id()).orElseThrow();
        assertThat(drift.foundStage()).isEqualTo(JobStage.ACCEPTANCE);
        assertThat(drift.expected()).isEqualTo("annotation · completed");
        assertThat(drift.noticedBy()).isEqualTo("sync");
        assertThat(audit(review)).anySatisfy(e -> assertThat(e.action()).isEqualTo("CHANGED_IN_CVAT"));
        assertThat(changeNotices(review)).isEqualTo(1);

        fixture.sync(review);
        assertThat(changeNotices(review)).as("a second sync does not tell the admins again").isEqualTo(1);

        fixture.world().actAs(admin);
        String outcome = drifts.adopt(drift.id());

        Review ended = fixture.reread(review);
        assertThat(outcome).contains("accepted in cvat");
        assertThat(ended.status()).isEqualTo(ReviewStatus.ACCEPTED_IN_CVAT);
        assertThat(ended.openKey()).isNull();
        assertThat(ended.endReason()).contains("Accepted in CVAT").contains("adopted by " + admin.username());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(review.processInstanceId()).count())
                .as("the review's process has ended").isZero();
        assertThat(drifts.openFor(review.id())).isEmpty();
        assertThat(audit(review)).extracting(AuditEntry::action).contains("CVAT_STATE_ADOPTED", "ENDED_BY_CVAT_CHANGE");
        assertThat(cvat.job(review.cvatJobId()).stage()).as("CVAT keeps its state").isEqualTo(JobStage.ACCEPTANCE);
    }

    @Test
    void aJobAcceptedByHandInCvatWhileQueuedCanBeRestoredAndTheReviewGoesOn() {
        Review review = fixture.queued();
        acceptByHand(review);
        fixture.sync(review);
        CvatDrift drift = drifts.openFor(review.id()).orElseThrow();

        fixture.world().actAs(admin);
        String outcome = drifts.restore(drift.id());

        DemoCvatModel.Job job = cvat.job(review.cvatJobId());
        assertThat(job.stage()).isEqualTo(JobStage.ANNOTATION);
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.assigneeId()).isEqualTo(review.annotatorId());
        assertThat(outcome).contains("annotation · completed");
        assertThat(fixture.reread(review).status()).isEqualTo(ReviewStatus.QUEUED);
        assertThat(drifts.history(review.id())).singleElement()
                .extracting(CvatDrift::resolution).isEqualTo(CvatDrift.Resolution.RESTORED);
        assertThat(audit(review)).extracting(AuditEntry::action).contains("CVAT_STATE_RESTORED");

        fixture.sync(review);
        assertThat(drifts.openFor(review.id())).as("CVAT agrees with the workflow again").isEmpty();
        assertThatThrownBy(() -> drifts.restore(drift.id())).isInstanceOf(ReviewException.class)
                .hasMessageContaining("already dealt with");
    }

    @Test
    void aJobInReviewSentBackToAnnotationIsFlaggedByTheWebhookWithWhoDidIt() {
        Review review = fixture.inReview(admin, rita);
        CvatInstance instance = withWebhookSecret();
        cvat.updateJob(cvat.user(DemoCvat.ADMIN), review.cvatJobId(),
                DemoCvatModel.JobPatch.of(review.annotatorId(), JobStage.ANNOTATION, JobState.IN_PROGRESS));

        ApiClient.Response response = webhook(instance, review, Map.of("stage", "validation", "state", "in progress"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("outcome").asText()).isEqualTo("FLAGGED");
        CvatDrift drift = drifts.openFor(review.id()).orElseThrow();
        assertThat(drift.changedBy()).isEqualTo("maria");
        assertThat(drift.noticedBy()).isEqualTo("webhook");
        assertThat(drift.summary()).contains("by maria").contains("annotation · in progress");

        ApiClient reviewer = ApiClient.basic(port, rita.username(), DemoFixture.PASSWORD);
        assertThat(reviewer.get("/api/v1/reviews/" + review.id() + "/cvat-changes").json().get(0).get("changedBy")
                .asText()).isEqualTo("maria");
        assertThat(reviewer.post("/api/v1/reviews/" + review.id() + "/cvat-changes/adopt", null).status())
                .as("only admins adopt").isEqualTo(403);

        ApiClient.Response adopted = ApiClient.basic(port, admin.username(), DemoFixture.PASSWORD)
                .post("/api/v1/reviews/" + review.id() + "/cvat-changes/adopt", null);
        assertThat(adopted.status()).as(adopted.toString()).isEqualTo(200);
        assertThat(adopted.json().get("status").asText()).isEqualTo("CHANGED_IN_CVAT");
    }

    @Test
    void theWorkflowsOwnChangesAreNoDrift() {
        Review review = fixture.inReview(admin, rita);
        fixture.world().actAs(rita);
        reviewService.approve(review.id(), null);
        fixture.sync(review);
        fixture.world().runDueJobs();
        fixture.sync(review);

        assertThat(fixture.reread(review).status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(drifts.history(review.id())).isEmpty();
    }

    private void acceptByHand(Review review) {
        cvat.updateJob(cvat.user(DemoCvat.ADMIN), review.cvatJobId(),
                DemoCvatModel.JobPatch.of(review.annotatorId(), JobStage.ACCEPTANCE, JobState.COMPLETED));
    }

    private long changeNotices(Review review) {
        return notifications.latest(admin.username(), 200).stream()
                .filter(n -> n.kind() == NotificationKind.CVAT_CHANGED && n.message().contains("Job " + review.cvatJobId() + " "))
                .count();
    }

    private List<AuditEntry> audit(Review review) {
        fixture.world().actAs(admin);
        return reviewService.auditTrail(review.id());
    }

    private CvatInstance withWebhookSecret() {
        CvatInstance current = fixture.demo().instance();
        return current.webhookSecretEnc() != null && SECRET.equals(cipher.decrypt(current.webhookSecretEnc()))
                ? current : instances.save(current.withSettings(current.name(), current.organizationSlug(),
                current.serviceTokenEnc(), cipher.encrypt(SECRET)));
    }

    /** CVAT's update:job delivery: the job's new values, the old ones in before_update, who changed it. */
    private ApiClient.Response webhook(CvatInstance instance, Review review, Map<String, Object> before) {
        DemoCvatModel.Job job = cvat.job(review.cvatJobId());
        Map<String, Object> jobJson = new LinkedHashMap<>();
        jobJson.put("id", job.id());
        jobJson.put("task_id", job.taskId());
        jobJson.put("stage", job.stage().wire());
        jobJson.put("state", job.state().wire());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "update:job");
        payload.put("job", jobJson);
        payload.put("before_update", before);
        payload.put("sender", Map.of("id", 9, "username", "maria"));
        payload.put("webhook_id", 7);
        try {
            byte[] body = new ObjectMapper().writeValueAsBytes(payload);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return ApiClient.anonymous(port).postRaw("/api/v1/cvat/webhook/" + instance.id(), body,
                    Map.of("X-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
