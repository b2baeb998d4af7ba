package io.cvatqueue.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.sync.ProjectTrackingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.cvatqueue.api.DemoFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracking a whole CVAT project: its tasks now, tasks created later (by the sync and by the create:task webhook),
 * a task untracked by hand stays untracked; bulk tracking and untracking of tasks through the REST API.
 */
@DemoAppTest
// its own app: it untracks tasks by hand and tracks whole projects, which other classes' "untracked task" givens
// would otherwise pick up (and the other way round)
@org.springframework.test.context.TestPropertySource(properties = "app.test.context=project-tracking")
class ProjectTrackingApiTest {

    private static final String SECRET = "webhook-secret-for-tests";
    /** "Aerial survey" in the demo CVAT: tasks 7 and 8 */
    private static final long PROJECT = 3;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DemoCvat cvat;
    @Autowired
    ProjectTrackingService projects;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;

    DemoFixture demo;
    CvatInstance instance;
    ApiClient asAdmin;
    ApiClient asRita;

    @BeforeEach
    void adminAndReviewer() {
        demo = new DemoFixture(context);
        AppUser admin = demo.account("projects-admin", Role.ADMIN, "demo-admin");
        AppUser rita = demo.account("projects-rita", Role.REVIEWER, "rita");
        asAdmin = ApiClient.basic(port, admin.username(), PASSWORD);
        asRita = ApiClient.basic(port, rita.username(), PASSWORD);
        CvatInstance current = demo.instance();
        instance = current.webhookSecretEnc() != null && SECRET.equals(cipher.decrypt(current.webhookSecretEnc()))
                ? current : instances.save(current.withSettings(current.name(), current.organizationSlug(),
                current.serviceTokenEnc(), cipher.encrypt(SECRET)));
    }

    @AfterEach
    void untrackTheProject() {
        asAdmin.delete("/api/v1/projects/" + PROJECT);
    }

    @Test
    void trackingAProjectTracksItsTasksNowAndThoseCreatedLaterExceptOnesUntrackedByHand() {
        ApiClient.Response tracked = asAdmin.post("/api/v1/projects", Map.of("projectIds", List.of(PROJECT)));
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        assertThat(tracked.json().get(0).get("tasksInProject").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(trackedTaskIds()).contains(7L, 8L);
        assertThat(asAdmin.get("/api/v1/projects").json().findValuesAsText("name")).contains("Aerial survey");

        assertThat(asAdmin.delete("/api/v1/tasks/8").json().get("untracked").asInt()).isEqualTo(1);
        DemoCvatModel.Task later = cvat.createTask(PROJECT, "Aerial survey - rivers", 3, 10);

        assertThat(projects.discoverNewTasks("sync timer")).isGreaterThanOrEqualTo(1);
        assertThat(trackedTaskIds()).contains(7L, later.id()).doesNotContain(8L);
    }

    @Test
    void createTaskWebhookTracksANewTaskOfATrackedProjectAtOnce() {
        asAdmin.post("/api/v1/projects", Map.of("projectIds", List.of(PROJECT)));
        DemoCvatModel.Task created = cvat.createTask(PROJECT, "Aerial survey - coast", 2, 10);
        DemoCvatModel.Task elsewhere = cvat.createTask(1, "Street scenes - Paris", 2, 10);

        assertThat(webhook(created).json().get("outcome").asText()).isEqualTo("TRACKED");
        assertThat(webhook(elsewhere).json().get("outcome").asText()).isEqualTo("NOT_TRACKED");
        assertThat(trackedTaskIds()).contains(created.id()).doesNotContain(elsewhere.id());
    }

    @Test
    void untrackingAProjectUntracksItsTasks() {
        asAdmin.post("/api/v1/projects", Map.of("projectIds", List.of(PROJECT)));

        ApiClient.Response untracked = asAdmin.delete("/api/v1/projects/" + PROJECT);

        assertThat(untracked.json().get("untrackedTasks").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(trackedTaskIds()).doesNotContain(7L, 8L);
        assertThat(asAdmin.delete("/api/v1/projects/" + PROJECT).status()).isEqualTo(404);
    }

    @Test
    void tasksAreTrackedAndUntrackedInBulk() {
        ApiClient.Response tracked = asAdmin.post("/api/v1/tasks", Map.of("taskIds", List.of(5, 6)));
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        assertThat(trackedTaskIds()).contains(5L, 6L);

        ApiClient.Response untracked = asAdmin.delete("/api/v1/tasks?taskId=5&taskId=6");
        assertThat(untracked.json().get("untracked").asInt()).isEqualTo(2);
        assertThat(trackedTaskIds()).doesNotContain(5L, 6L);
    }

    @Test
    void unknownTasksAreRefusedAndNothingIsTracked() {
        ApiClient.Response refused = asAdmin.post("/api/v1/tasks", Map.of("taskIds", List.of(6, 999_999)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("CVAT has no task 999999");
        assertThat(trackedTaskIds()).doesNotContain(999_999L);
    }

    @Test
    void reviewersCannotTrack() {
        assertThat(asRita.post("/api/v1/projects", Map.of("projectIds", List.of(PROJECT))).status()).isEqualTo(403);
        assertThat(asRita.post("/api/v1/tasks", Map.of("taskIds", List.of(6))).status()).isEqualTo(403);
        assertThat(asRita.delete("/api/v1/tasks?taskId=6").status()).isEqualTo(403);
    }

    private List<Long> trackedTaskIds() {
        JsonNode tasks = asAdmin.get("/api/v1/tasks").json();
        return StreamSupport.stream(tasks.spliterator(), false).map(t -> t.get("cvatTaskId").asLong()).toList();
    }

    private ApiClient.Response webhook(DemoCvatModel.Task task) {
        try {
            byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("event", "create:task", "webhook_id", 1,
                    "task", Map.of("id", task.id(), "name", task.name(), "project_id", task.projectId())));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return ApiClient.anonymous(port).postRaw("/api/v1/cvat/webhook/" + instance.id(), body,
                    Map.of("X-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)),
                            "Content-Type", "application/json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
