package io.cvatqueue.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.cvat.CvatClientFactory;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.drift.ChangeSource;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.sync.ProjectTrackingService;
import io.cvatqueue.sync.CvatJobEvents;
import io.cvatqueue.sync.JobOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Receives CVAT's webhooks so that a completed job is queued at once instead of at the next sync. CVAT does not
 * retry failed deliveries, so the periodic sync stays the safety net; a webhook only makes things faster.
 * <p>
 * The payload is trusted for nothing but the job id: webhooks can arrive late or out of order, so the job is
 * read again from CVAT before anything is started.
 */
@Service
public class CvatWebhookService {

    static final String SIGNATURE_HEADER = "X-Signature-256";
    private static final String INVALID_SIGNATURE = "Missing or invalid " + SIGNATURE_HEADER + " signature";
    static final String ACTOR = "CVAT webhook";
    private static final Logger log = LoggerFactory.getLogger(CvatWebhookService.class);
    private static final ObjectMapper JSON = CvatClientFactory.cvatObjectMapper();

    private final CvatInstanceService instances;
    private final CvatJobEvents sync;
    private final ProjectTrackingService projectTracking;

    public CvatWebhookService(CvatInstanceService instances, CvatJobEvents sync,
                              ProjectTrackingService projectTracking) {
        this.instances = instances;
        this.sync = sync;
        this.projectTracking = projectTracking;
    }

    /**
     * Checks the signature, then handles the event.
     *
     * @throws ResponseStatusException 401 for an unknown instance, one without a webhook secret, or a missing or
     *                                 wrong signature (all alike, so the endpoint tells outsiders nothing), 400 for
     *                                 a malformed payload
     * @throws CvatException when CVAT cannot be asked about the job
     */
    public Outcome receive(long instanceId, String signature, byte[] body) {
        CvatInstance instance = instances.find(instanceId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, INVALID_SIGNATURE));
        verify(instance, signature, body);
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The webhook body is not JSON");
        }
        if (payload == null || !payload.path("event").isTextual()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The webhook body has no 'event'");
        }
        String event = payload.get("event").asText();
        if (event.equals("ping")) {
            return new Outcome(event, null, "PONG");
        }
        if (event.equals("delete:job") || event.equals("delete:task")) {
            return deleted(instanceId, event, payload);
        }
        if (event.equals("create:task")) {
            return created(instance, event, payload);
        }
        if (!event.equals("update:job")) {
            return new Outcome(event, null, "IGNORED");
        }
        JsonNode job = payload.path("job");
        if (!job.path("id").canConvertToLong() || !job.path("id").isIntegralNumber()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The update:job webhook has no job id");
        }
        long jobId = job.get("id").asLong();
        // most job updates are neither completions nor changes of a job under review: skip them without asking CVAT
        if (!isCompletedAnnotation(job) && !(changesWatchedFields(payload) && sync.hasOpenReview(instanceId, jobId))) {
            return new Outcome(event, jobId, "IGNORED");
        }
        Job current;
        try {
            // the payload names the job's organisation: read it in that context
            JsonNode organization = job.path("organization");
            current = instances.serviceClient(instance).in(organization.isMissingNode()
                    ? CvatOrganization.INSTANCE_DEFAULT
                    : CvatOrganization.of(organization.isIntegralNumber() ? organization.asLong() : null)).getJob(jobId);
        } catch (CvatException.NotFound e) {
            return new Outcome(event, jobId, sync.handleDeleted(instanceId, null, jobId) > 0 ? "ENDED" : "IGNORED");
        }
        JsonNode sender = payload.path("sender").path("username");
        JobOutcome outcome = sync.handleChangedJob(instanceId, current,
                ChangeSource.webhook(sender.isTextual() ? sender.asText() : null), ACTOR);
        log.info("Webhook from instance {}: job {} changed -> {}", instanceId, jobId, outcome);
        return new Outcome(event, jobId, outcome.name());
    }

    /**
     * CVAT's update events carry the old values of the changed fields in {@code before_update}: a change of stage,
     * state or assignee may be one made outside the workflow.
     */
    private static boolean changesWatchedFields(JsonNode payload) {
        JsonNode before = payload.path("before_update");
        return before.has("stage") || before.has("state") || before.has("assignee");
    }

    /**
     * A task was created in CVAT: tracked at once when its project is tracked (read again from CVAT: the payload
     * is trusted for the id only).
     */
    private Outcome created(CvatInstance instance, String event, JsonNode payload) {
        JsonNode task = payload.path("task");
        if (!task.path("id").isIntegralNumber()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The create:task webhook has no task id");
        }
        long taskId = task.get("id").asLong();
        JsonNode organization = task.path("organization");
        Task current;
        try {
            current = instances.serviceClient(instance).in(organization.isMissingNode()
                    ? CvatOrganization.INSTANCE_DEFAULT
                    : CvatOrganization.of(organization.isIntegralNumber() ? organization.asLong() : null))
                    .getTask(taskId);
        } catch (CvatException.NotFound e) {
            return new Outcome(event, null, "IGNORED");
        }
        boolean tracked = projectTracking.taskCreated(instance.id(), current, ACTOR);
        log.info("Webhook from instance {}: task {} created in project {} -> {}", instance.id(), taskId,
                current.projectId(), tracked ? "tracked" : "not tracked");
        return new Outcome(event, null, tracked ? "TRACKED" : "NOT_TRACKED");
    }

    /** A job or a whole task was deleted in CVAT: the open reviews concerned end (CVAT is asked to confirm). */
    private Outcome deleted(long instanceId, String event, JsonNode payload) {
        boolean wholeTask = event.equals("delete:task");
        JsonNode id = payload.path(wholeTask ? "task" : "job").path("id");
        if (!id.isIntegralNumber()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The " + event + " webhook has no id");
        }
        int ended = wholeTask ? sync.handleDeleted(instanceId, id.asLong(), null)
                : sync.handleDeleted(instanceId, null, id.asLong());
        log.info("Webhook from instance {}: {} {} -> {} review(s) ended", instanceId, event, id.asLong(), ended);
        return new Outcome(event, wholeTask ? null : id.asLong(), ended > 0 ? "ENDED" : "IGNORED");
    }

    private static boolean isCompletedAnnotation(JsonNode job) {
        return JobStage.ANNOTATION.wire().equals(job.path("stage").asText())
                && JobState.COMPLETED.wire().equals(job.path("state").asText());
    }

    private void verify(CvatInstance instance, String signature, byte[] body) {
        String secret = instances.webhookSecret(instance).orElse(null);
        if (secret == null || secret.isBlank()) {
            log.warn("Webhook for CVAT instance '{}' refused: no webhook secret is set", instance.name());
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, INVALID_SIGNATURE);
        }
        if (signature == null || !signature.startsWith("sha256=")) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, INVALID_SIGNATURE);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring("sha256=".length()).strip());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, INVALID_SIGNATURE);
        }
        // constant time: the comparison must not tell an attacker how many leading bytes were right
        if (!MessageDigest.isEqual(sign(secret, body), given)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, INVALID_SIGNATURE);
        }
    }

    /** HMAC-SHA256 of the raw body with the instance's webhook secret, as CVAT computes it. */
    static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a webhook did.
     *
     * @param outcome PONG, IGNORED, ENDED (reviews ended: job deleted in CVAT), TRACKED / NOT_TRACKED (create:task:
     *                the task's project is tracked or not), or a {@link JobOutcome}
     */
    public record Outcome(String event, Long jobId, String outcome) {
    }
}
