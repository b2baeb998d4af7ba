package io.cvatqueue.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.cvatqueue.crypto.TokenCipher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.cvatqueue.api.DemoFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** CVAT's update:job webhook, signed as CVAT signs it, start reviews without waiting for the sync. */
@DemoAppTest
class CvatWebhookTest {

    private static final String SECRET = "webhook-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    DemoCvat cvat;
    @Autowired
    TokenCipher cipher;

    DemoFixture demo;
    CvatInstance instance;
    ApiClient cvatSender;

    @BeforeEach
    void demoInstanceWithWebhookSecret() {
        demo = new DemoFixture(context);
        CvatInstance current = demo.instance();
        instance = current.webhookSecretEnc() != null && SECRET.equals(cipher.decrypt(current.webhookSecretEnc()))
                ? current : instances.save(current.withSettings(current.name(), current.organizationSlug(),
                current.serviceTokenEnc(), cipher.encrypt(SECRET)));
        cvatSender = ApiClient.anonymous(port);
    }

    @Test
    void pingIsAnswered() {
        ApiClient.Response response = send(Map.of("event", "ping", "webhook_id", 1), SECRET);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("outcome").asText()).isEqualTo("PONG");
    }

    @Test
    void missingSignatureIsRefused() {
        ApiClient.Response response = cvatSender.postRaw(webhookPath(instance.id()), body(Map.of("event", "ping")),
                Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).contains("X-Signature-256");
    }

    @Test
    void wrongSignatureIsRefused() {
        assertThat(send(Map.of("event", "ping"), "not-the-secret").status()).isEqualTo(401);
        assertThat(cvatSender.postRaw(webhookPath(instance.id()), body(Map.of("event", "ping")),
                Map.of("X-Signature-256", "sha256=zz-not-hex")).status()).isEqualTo(401);
    }

    @Test
    void signatureCoversTheExactBody() {
        byte[] signed = body(Map.of("event", "ping"));
        byte[] tampered = body(Map.of("event", "ping", "extra", true));

        assertThat(cvatSender.postRaw(webhookPath(instance.id()), tampered,
                Map.of("X-Signature-256", signature(signed, SECRET))).status()).isEqualTo(401);
    }

    @Test
    void unknownInstanceIsRefusedLikeABadSignature() {
        byte[] body = body(Map.of("event", "ping"));
        assertThat(cvatSender.postRaw(webhookPath(987654), body, Map.of("X-Signature-256", signature(body, SECRET)))
                .status()).isEqualTo(401);
    }

    @Test
    void malformedSignedBodyIs400() {
        byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThat(cvatSender.postRaw(webhookPath(instance.id()), body,
                Map.of("X-Signature-256", signature(body, SECRET))).status()).isEqualTo(400);
        assertThat(send(Map.of("event", "update:job", "job", Map.of("stage", "annotation")), SECRET).status())
                .isEqualTo(400);
    }

    @Test
    void completedJobOfATrackedTaskIsQueuedAtOnce() {
        DemoCvatModel.Job job = demo.unfinishedJob();
        long taskId = job.taskId();
        cvat.startJob(job.id(), "anna");
        cvat.completeJob(job.id());

        ApiClient.Response response = send(updateJob(job.id(), taskId, "annotation", "completed"), SECRET);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("outcome").asText()).isEqualTo("QUEUED");
        assertThat(reviews.findByOpenKey(Review.openKey(instance.id(), job.id()))).hasValueSatisfying(
                review -> assertThat(review.status()).isEqualTo(ReviewStatus.QUEUED));
        assertThat(send(updateJob(job.id(), taskId, "annotation", "completed"), SECRET).json().get("outcome")
                .asText()).as("a repeated delivery changes nothing").isEqualTo("SKIPPED");
    }

    @Test
    void deletedJobEventEndsItsOpenReview() {
        DemoCvatModel.Job job = demo.unfinishedJob();
        cvat.startJob(job.id(), "anna");
        cvat.completeJob(job.id());
        send(updateJob(job.id(), job.taskId(), "annotation", "completed"), SECRET);
        Review review = reviews.findByOpenKey(Review.openKey(instance.id(), job.id())).orElseThrow();
        cvat.deleteJob(cvat.user(DemoCvat.ADMIN), job.id());

        ApiClient.Response response = send(Map.of("event", "delete:job", "job", Map.of("id", job.id()),
                "webhook_id", 7), SECRET);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("outcome").asText()).isEqualTo("ENDED");
        assertThat(reviews.findById(review.id()).orElseThrow().status()).isEqualTo(ReviewStatus.JOB_DELETED);
    }

    @Test
    void aDeleteEventForAJobCvatStillHasEndsNothing() {
        DemoCvatModel.Job job = demo.unfinishedJob();
        cvat.startJob(job.id(), "anna");
        cvat.completeJob(job.id());
        send(updateJob(job.id(), job.taskId(), "annotation", "completed"), SECRET);

        ApiClient.Response response = send(Map.of("event", "delete:task", "task", Map.of("id", job.taskId())),
                SECRET);

        assertThat(response.json().get("outcome").asText()).as("CVAT is asked, not the payload trusted")
                .isEqualTo("IGNORED");
        assertThat(reviews.findByOpenKey(Review.openKey(instance.id(), job.id()))).isPresent();
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        String answer = rawPost("Content-Length: " + 50L * 1024 * 1024, new byte[4096], false);

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("limited to 1024 KB");
    }

    @Test
    void aChunkedBodyIsRefusedWith413AsSoonAsItPassesTheLimit() throws Exception {
        String answer = rawPost("Transfer-Encoding: chunked", new byte[1100 * 1024], true);

        assertThat(answer).startsWith("HTTP/1.1 413");
    }

    @Test
    void anUnsignedBodyIsRefusedBeforeItIsRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + webhookPath(instance.id()) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + 50L * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 401");
        }
    }

    /** Status line, headers and the body of Content-Length: the server keeps the connection open meanwhile. */
    private static String readResponse(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Sends a signed-looking POST by hand: headers, then {@code body} (as one chunk if chunked) without ever
     * finishing a 50 MB upload, and returns the start of the answer. A server that read the whole body first
     * would time out here instead of answering.
     */
    private String rawPost(String lengthHeader, byte[] body, boolean chunked) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST " + webhookPath(instance.id()) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nX-Signature-256: sha256=00\r\n" + lengthHeader
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (chunked) {
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            try {
                out.write(body);
                out.flush();
            } catch (java.io.IOException e) {
                // the server may answer and close before everything is sent: the answer is what counts
            }
            return readResponse(socket.getInputStream());
        }
    }

    @Test
    void jobsThatAreNotCompletedOrNotTrackedAreIgnored() {
        DemoCvatModel.Job inProgress = demo.unfinishedJob();
        long tracked = inProgress.taskId();
        cvat.startJob(inProgress.id(), "anna");
        assertThat(send(updateJob(inProgress.id(), tracked, "annotation", "in progress"), SECRET).json()
                .get("outcome").asText()).isEqualTo("IGNORED");
        // the payload claims "completed" but CVAT says otherwise: CVAT wins
        assertThat(send(updateJob(inProgress.id(), tracked, "annotation", "completed"), SECRET).json()
                .get("outcome").asText()).isEqualTo("IGNORED");

        DemoCvatModel.Job untracked = demo.completedJobOfAnUntrackedTask();
        assertThat(send(updateJob(untracked.id(), untracked.taskId(), "annotation", "completed"), SECRET).json()
                .get("outcome").asText()).isEqualTo("NOT_TRACKED");
    }

    @Test
    void rejectedJobCompletedAgainReturnsToItsReviewer() {
        AppUser admin = demo.account("hook-admin", Role.ADMIN, "demo-admin");
        AppUser rita = demo.account("hook-rita", Role.REVIEWER, "rita");
        ApiClient asAdmin = ApiClient.basic(port, admin.username(), PASSWORD);
        ApiClient asRita = ApiClient.basic(port, rita.username(), PASSWORD);
        DemoCvatModel.Job job = demo.unfinishedJob();
        long taskId = job.taskId();
        cvat.startJob(job.id(), "anna");
        cvat.completeJob(job.id());
        send(updateJob(job.id(), taskId, "annotation", "completed"), SECRET);
        long reviewId = reviews.findByOpenKey(Review.openKey(instance.id(), job.id())).orElseThrow().id();
        asAdmin.post("/api/v1/reviews/" + reviewId + "/assign", Map.of("reviewer", rita.username()));
        asRita.post("/api/v1/reviews/" + reviewId + "/start", null);
        demo.runDueJobs();
        asRita.post("/api/v1/reviews/" + reviewId + "/decision", Map.of("decision", "REJECTED", "reason", "Missing objects"));
        demo.runDueJobs();

        cvat.completeJob(job.id());
        ApiClient.Response response = send(updateJob(job.id(), taskId, "annotation", "completed"), SECRET);

        assertThat(response.json().get("outcome").asText()).isEqualTo("REQUEUED");
        Review review = reviews.findById(reviewId).orElseThrow();
        assertThat(review.status()).isEqualTo(ReviewStatus.ASSIGNED);
        assertThat(review.reviewer()).isEqualTo(rita.username());
    }

    private ApiClient.Response send(Map<String, ?> payload, String secret) {
        byte[] body = body(payload);
        return cvatSender.postRaw(webhookPath(instance.id()), body, Map.of("X-Signature-256", signature(body, secret)));
    }

    /** The shape CVAT sends for update:job (trimmed to what matters plus some noise). */
    private static Map<String, Object> updateJob(long jobId, long taskId, String stage, String state) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", jobId);
        job.put("task_id", taskId);
        job.put("stage", stage);
        job.put("state", state);
        job.put("type", "annotation");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "update:job");
        payload.put("job", job);
        payload.put("before_update", Map.of("state", "in progress"));
        payload.put("sender", Map.of("id", 3, "username", "anna"));
        payload.put("webhook_id", 7);
        return payload;
    }

    private static String webhookPath(long instanceId) {
        return "/api/v1/cvat/webhook/" + instanceId;
    }

    private static byte[] body(Map<String, ?> payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signature(byte[] body, String secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
