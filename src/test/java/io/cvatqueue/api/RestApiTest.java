package io.cvatqueue.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.cvatqueue.api.DemoFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API as a script uses it, over HTTP against the running app and its demo CVAT. */
@DemoAppTest
class RestApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ReviewRepository reviews;

    DemoFixture demo;
    AppUser admin;
    AppUser rita;
    ApiClient asAdmin;
    ApiClient asRita;

    @BeforeEach
    void adminAndReviewer() {
        demo = new DemoFixture(context);
        admin = demo.account("api-admin", Role.ADMIN, "demo-admin");
        rita = demo.account("api-rita", Role.REVIEWER, "rita");
        asAdmin = ApiClient.basic(port, admin.username(), PASSWORD);
        asRita = ApiClient.basic(port, rita.username(), PASSWORD);
    }

    @Test
    void anonymousCallsGet401AsProblemDetail() {
        ApiClient.Response response = ApiClient.anonymous(port).get("/api/v1/queue");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains("HTTP Basic");
    }

    @Test
    void wrongPasswordGets401() {
        assertThat(ApiClient.basic(port, admin.username(), "wrong").get("/api/v1/tasks").status()).isEqualTo(401);
    }

    @Test
    void aManualSyncAnswersAtOnceWithAStatusToFollowUntilItsResult() throws InterruptedException {
        long taskId = demo.sharedTask();
        DemoCvatModel.Job completed = demo.freshlyCompletedJob();

        ApiClient.Response accepted = asAdmin.post("/api/v1/tasks/" + taskId + "/sync", null);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.location()).startsWith("/api/v1/syncs/");
        assertThat(accepted.json().get("state").asText()).isIn("QUEUED", "RUNNING", "DONE");
        assertThat(accepted.json().get("cvatTaskId").asLong()).isEqualTo(taskId);
        ApiClient.Response status = asAdmin.get(accepted.location());
        for (int i = 0; i < 100 && !status.json().get("state").asText().equals("DONE"); i++) {
            Thread.sleep(100);
            status = asAdmin.get(accepted.location());
        }
        assertThat(status.json().get("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.json().get("result").get("queued").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(status.json().get("done").asInt()).isEqualTo(status.json().get("total").asInt());
        assertThat(reviews.findByOpenKey(Review.openKey(demo.instance().id(), completed.id()))).isPresent();
        assertThat(asRita.get(accepted.location()).status()).as("reviewers do not see syncs").isEqualTo(403);
        assertThat(asAdmin.get("/api/v1/syncs/no-such-sync").status()).isEqualTo(404);
    }

    @Test
    void adminSyncsATaskAndPagesItsQueueSorted() {
        long taskId = demo.sharedTask();
        for (int i = 0; i < 3; i++) {
            demo.freshlyCompletedJob();
        }

        ApiClient.Response sync = asAdmin.post("/api/v1/tasks/" + taskId + "/sync?wait=true", null);
        assertThat(sync.status()).as(sync.toString()).isEqualTo(200);
        assertThat(sync.json().get("queued").asInt()).isGreaterThanOrEqualTo(3);

        List<Long> queuedJobs = reviews.findOpenByTask(demo.instance().id(), taskId).stream()
                .filter(r -> r.status() == ReviewStatus.QUEUED).map(Review::cvatJobId)
                .sorted(Comparator.reverseOrder()).toList();
        String query = "/api/v1/queue?task=" + taskId + "&status=QUEUED&size=2&sort=cvatJobId,desc&page=";
        ApiClient.Response first = asAdmin.get(query + 0);
        ApiClient.Response second = asAdmin.get(query + 1);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("totalElements").asInt()).isEqualTo(queuedJobs.size());
        assertThat(first.json().get("totalPages").asInt()).isEqualTo((queuedJobs.size() + 1) / 2);
        assertThat(first.json().get("content")).hasSize(2);
        List<Long> pagedJobIds = new ArrayList<>();
        first.json().get("content").forEach(e -> pagedJobIds.add(e.get("cvatJobId").asLong()));
        second.json().get("content").forEach(e -> pagedJobIds.add(e.get("cvatJobId").asLong()));
        assertThat(pagedJobIds).containsExactlyElementsOf(queuedJobs.stream().limit(4).toList());
        assertThat(first.json().get("totalExact").asBoolean()).isTrue();

        // keyset paging: the first page's cursor leads to the same second page
        ApiClient.Response resumed = asAdmin.get(query.replace("&page=", "") + "&after="
                + first.json().get("next").asText());
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("content").toString()).isEqualTo(second.json().get("content").toString());
        ApiClient.Response otherOrder = asAdmin.get("/api/v1/queue?task=" + taskId + "&size=2&sort=cvatJobId,asc"
                + "&after=" + first.json().get("next").asText());
        assertThat(otherOrder.status()).isEqualTo(400);
        assertThat(otherOrder.json().get("detail").asText()).contains("another sort order");
    }

    @Test
    void unknownSortIsRefusedWithTheSupportedOnes() {
        ApiClient.Response response = asAdmin.get("/api/v1/queue?sort=password");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("queuedAt");
    }

    @Test
    void unreadableStatusFilterIs400NotAServerError() {
        ApiClient.Response response = asAdmin.get("/api/v1/queue?status=%00");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("QUEUED");
    }

    @Test
    void assigningToNoReviewerIs400() {
        ApiClient.Response response = asAdmin.post("/api/v1/reviews/1/assign", java.util.Collections.singletonMap(
                "reviewer", null));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("reviewer");
    }

    @Test
    void unknownApiAndActuatorPathsAre404NotTheAppPage() {
        ApiClient.Response api = asAdmin.get("/api/v1/no-such-thing");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).contains("application/problem+json");
        assertThat(api.json().get("detail").asText()).isEqualTo("No such endpoint: GET /api/v1/no-such-thing. "
                + "The REST API is described at /v3/api-docs.");
        assertThat(asAdmin.get("/actuator/no-such-endpoint").status()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNotTheJsonAnEndpointTakesIs400SayingWhatIsWrong() {
        ApiClient.Response broken = asAdmin.postRaw("/api/v1/reviews/1/assign",
                "{\"reviewer\":".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of());
        ApiClient.Response wrongType = asAdmin.postRaw("/api/v1/tasks",
                "{\"taskIds\": \"twelve\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        ApiClient.Response empty = asAdmin.postRaw("/api/v1/reviews/1/assign", new byte[0], Map.of());

        assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
        assertThat(broken.json().get("detail").asText()).startsWith("The request body is not valid JSON (line 1");
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
        assertThat(wrongType.json().get("detail").asText())
                .isEqualTo("The request body's field 'taskIds' has a value of the wrong type.");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.json().get("detail").asText()).isEqualTo("The request needs a JSON body.");
    }

    @Test
    void anEndpointCalledWithAMethodItDoesNotTakeIs405WithTheMethodsItTakes() {
        ApiClient.Response wrongMethod = asAdmin.get("/api/v1/reviews/1/decision");

        assertThat(wrongMethod.status()).as(wrongMethod.toString()).isEqualTo(405);
        assertThat(wrongMethod.allow()).isEqualTo("POST");
        assertThat(wrongMethod.json().get("detail").asText())
                .isEqualTo("GET is not supported at /api/v1/reviews/1/decision; it takes POST.");
    }

    @Test
    void analyticsOfAnUntrackedTaskIs404() {
        assertThat(asAdmin.get("/task/987654/analytics/jobs").status()).isEqualTo(404);
    }

    @Test
    void syncOfAnUntrackedTaskIs404() {
        assertThat(asAdmin.post("/api/v1/tasks/987654/sync", null).status()).isEqualTo(404);
    }

    @Test
    void reviewerMayNotAssignNorSyncNorReadOthersQueue() {
        long reviewId = queuedReview();

        ApiClient.Response assign = asRita.post("/api/v1/reviews/" + reviewId + "/assign",
                Map.of("reviewer", rita.username()));
        assertThat(assign.status()).isEqualTo(403);
        assertThat(assign.contentType()).startsWith("application/problem+json");
        assertThat(asRita.post("/api/v1/tasks/1/sync", null).status()).isEqualTo(403);
        assertThat(asRita.get("/api/v1/queue?reviewer=" + admin.username()).status()).isEqualTo(403);
        assertThat(asRita.get("/api/v1/reviews/" + reviewId).status()).isEqualTo(403);
    }

    @Test
    void reviewerSeesOnlyTheirOwnReviewsInTheQueue() {
        long reviewId = queuedReview();
        asAdmin.post("/api/v1/reviews/" + reviewId + "/assign", Map.of("reviewer", rita.username()));

        JsonNode page = asRita.get("/api/v1/queue?size=500").json();

        assertThat(page.get("content")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("reviewer").asText()).isEqualTo(rita.username()));
    }

    @Test
    void unknownReviewIs404() {
        assertThat(asAdmin.get("/api/v1/reviews/999999").status()).isEqualTo(404);
    }

    @Test
    void rejectionViaRestReturnsTheJobToCvatAndIsAudited() {
        long reviewId = queuedReview();
        double rejectedBefore = decided("REJECTED");

        assertThat(asAdmin.post("/api/v1/reviews/" + reviewId + "/assign", Map.of("reviewer", rita.username()))
                .json().get("status").asText()).isEqualTo("ASSIGNED");
        ApiClient.Response started = asRita.post("/api/v1/reviews/" + reviewId + "/start", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("cvatUrl").asText()).contains("/demo-cvat/tasks/");
        demo.runDueJobs();

        ApiClient.Response withoutReason = asRita.post("/api/v1/reviews/" + reviewId + "/decision",
                Map.of("decision", "REJECTED"));
        assertThat(withoutReason.status()).isEqualTo(409);
        assertThat(withoutReason.json().get("detail").asText()).contains("reason");
        ApiClient.Response unknown = asRita.post("/api/v1/reviews/" + reviewId + "/decision",
                Map.of("decision", "MAYBE"));
        assertThat(unknown.status()).isEqualTo(400);

        ApiClient.Response rejected = asRita.post("/api/v1/reviews/" + reviewId + "/decision",
                Map.of("decision", "REJECTED", "reason", "Wrong labels", "note", "Cars labelled as trucks"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        demo.runDueJobs();

        JsonNode review = asRita.get("/api/v1/reviews/" + reviewId).json();
        assertThat(review.get("status").asText()).isEqualTo(ReviewStatus.REJECTED.name());
        List<String> actions = new ArrayList<>();
        review.get("audit").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsSubsequence("QUEUED", "ASSIGNED", "REVIEW_STARTED", "REJECTED", "CVAT_REJECTED");
        assertThat(decided("REJECTED")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void approvalViaRestClosesTheReview() {
        long reviewId = queuedReview();
        asAdmin.post("/api/v1/reviews/" + reviewId + "/assign", Map.of("reviewer", admin.username()));
        asAdmin.post("/api/v1/reviews/" + reviewId + "/start", null);
        demo.runDueJobs();

        asAdmin.post("/api/v1/reviews/" + reviewId + "/decision", Map.of("decision", "APPROVED", "note", "fine"));
        demo.runDueJobs();

        assertThat(asAdmin.get("/api/v1/reviews/" + reviewId).json().get("status").asText())
                .isEqualTo(ReviewStatus.APPROVED.name());
        ApiClient.Response again = asAdmin.post("/api/v1/reviews/" + reviewId + "/decision",
                Map.of("decision", "APPROVED"));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void apiTokenActsAsItsOwnerUntilRevoked() {
        ApiClient.Response created = asRita.post("/api/v1/tokens", Map.of("name", "nightly export"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().get("token").asText();
        long tokenId = created.json().get("id").asLong();
        ApiClient withToken = ApiClient.bearer(port, token);

        assertThat(withToken.get("/api/v1/tasks").status()).isEqualTo(200);
        assertThat(withToken.post("/api/v1/tasks/1/sync", null).status()).as("still a reviewer").isEqualTo(403);
        assertThat(withToken.post("/api/v1/tokens", Map.of("name", "another")).status())
                .as("a token cannot mint tokens").isEqualTo(403);
        assertThat(asRita.get("/api/v1/tokens").body()).contains("nightly export").doesNotContain(token);

        assertThat(asRita.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(204);
        ApiClient.Response revoked = withToken.get("/api/v1/tasks");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("detail").asText()).contains("API token");
    }

    @Test
    void unknownBearerTokenIsRefused() {
        assertThat(ApiClient.bearer(port, "cqm_not-a-token").get("/api/v1/tasks").status()).isEqualTo(401);
    }

    @Test
    void openApiDocumentListsTheRestApiOnly() {
        ApiClient.Response docs = ApiClient.anonymous(port).get("/v3/api-docs");

        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/v1/queue")).isTrue();
        assertThat(paths.has("/api/v1/reviews/{id}/decision")).isTrue();
        assertThat(paths.has("/api/v1/cvat/webhook/{instanceId}")).isTrue();
        assertThat(docs.body()).doesNotContain("/demo-cvat");
    }

    @Test
    void swaggerUiIsServedBySpringMvcNotVaadin() {
        ApiClient.Response redirect = ApiClient.anonymous(port).get("/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.location()).contains("/swagger-ui/index.html");

        ApiClient.Response page = ApiClient.anonymous(port).get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger-ui");
    }

    /** A review just queued for a job completed in the shared task, through the API's sync. */
    private long queuedReview() {
        DemoCvatModel.Job job = demo.freshlyCompletedJob();
        asAdmin.post("/api/v1/tasks/" + demo.sharedTask() + "/sync?wait=true", null);
        return reviews.findByOpenKey(Review.openKey(demo.instance().id(), job.id())).orElseThrow().id();
    }

    private double decided(String decision) {
        var counter = meters.find("cvat_queue.reviews.decided").tag("decision", decision).counter();
        return counter == null ? 0 : counter.count();
    }
}
