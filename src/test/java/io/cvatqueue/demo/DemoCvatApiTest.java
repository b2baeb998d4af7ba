package io.cvatqueue.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatClientFactory;
import io.cvatqueue.cvat.CvatConnection;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.cvat.SchemaCheck;
import io.cvatqueue.demo.DemoCvatModel.JobFilter;
import io.cvatqueue.crypto.TokenCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo CVAT served by the running app, driven through the app's own CvatClient and through plain HTTP.
 * The simulator is on but ticks once an hour, so the tests see a still CVAT and call {@link DemoCvat#tick()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "app.demo.tick=1h")
@ActiveProfiles({"test", "demo"})
class DemoCvatApiTest {

    private static final SchemaCheck SCHEMA = SchemaCheck.cvat();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    DemoCvat demo;
    @Autowired
    DemoCvatInfo demoInfo;
    @Autowired
    DemoCvatSeeder seeder;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    CvatInstanceService instanceService;
    @Autowired
    TokenCipher cipher;

    private final HttpClient http = HttpClient.newHttpClient();
    private String baseUrl;
    private CvatClient admin;
    private CvatClient anna;

    @BeforeEach
    void clients() {
        baseUrl = "http://127.0.0.1:" + port + "/demo-cvat";
        CvatInstance instance = instances.findFirstByDemoTrue().orElseThrow();
        admin = instanceService.serviceClient(instance);
        anna = instanceService.clientWithToken(instance, "Bearer demo-anna-token");
    }

    @Test
    void seederPointsTheDemoInstanceAtThisServerWithTheOwnersToken() {
        CvatInstance instance = instances.findFirstByDemoTrue().orElseThrow();

        assertThat(instance.name()).isEqualTo("Demo CVAT");
        assertThat(instance.baseUrl()).isEqualTo(baseUrl);
        assertThat(cipher.decrypt(instance.serviceTokenEnc())).isEqualTo("Token demo-admin-token");
        assertThat(admin.currentUser().username()).isEqualTo("demo-admin");
    }

    @Test
    void seederMovesTheDemoInstanceToANewPortAndLeavesRealInstancesAlone() {
        long realId = instances.save(CvatInstance.create("Team CVAT", "https://cvat.example.com",
                cipher.encrypt("Token real"), Instant.now())).id();
        CvatInstance real = instances.findById(realId).orElseThrow();
        try {
            seeder.seed("http://127.0.0.1:9/demo-cvat");

            assertThat(instances.findFirstByDemoTrue().orElseThrow().baseUrl()).isEqualTo("http://127.0.0.1:9/demo-cvat");
            assertThat(instances.findById(realId).orElseThrow()).isEqualTo(real);
        } finally {
            seeder.seed(baseUrl);
            instances.deleteById(realId);
        }
        assertThat(instances.findAll()).filteredOn(CvatInstance::demo).hasSize(1);
    }

    @Test
    void demoInfoListsTheTokens() {
        assertThat(demoInfo.tokenHint()).contains("demo-admin-token", "demo-rita-token", "demo-anna-token");
    }

    @Test
    void serviceClientReadsEveryTaskAndEveryJob() {
        List<CvatModel.Task> tasks = admin.listTasks();

        assertThat(tasks).hasSize(8);
        int jobs = tasks.stream().mapToInt(t -> admin.listJobs(t.id(), null, null).size()).sum();
        assertThat(jobs).isEqualTo(demo.jobs(demo.user("demo-admin"), JobFilter.all()).size());
        assertThat(tasks.get(0).jobs().count()).isEqualTo(admin.listJobs(tasks.get(0).id(), null, null).size());
        assertThat(admin.listUsers()).extracting(CvatModel.BasicUser::username)
                .containsExactly("demo-admin", "rita", "ravi", "anna", "tom", "lee", "mia");
    }

    @Test
    void clientPagesToTheEndInSmallPages() {
        CvatClient smallPages = new CvatClientFactory(new SimpleMeterRegistry(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 7).create(new CvatConnection("demo", baseUrl, "Token demo-admin-token", null));

        List<CvatModel.Job> jobs = smallPages.listJobs(1, null, null);

        assertThat(jobs).extracting(CvatModel.Job::id).containsExactlyElementsOf(
                demo.jobs(demo.user("demo-admin"), JobFilter.task(1)).stream().map(DemoCvatModel.Job::id).toList());
    }

    @Test
    void pagesLikeCvatWithAbsoluteLinksAndInvalidPagePastTheEnd() throws Exception {
        Map<String, Object> first = json(get("/api/jobs", "Token demo-admin-token"));
        Map<String, Object> capped = json(get("/api/jobs?page_size=500&stage=annotation", "Token demo-admin-token"));
        int annotationJobs = (int) capped.get("count");
        int lastPage = (annotationJobs + 99) / 100;
        HttpResponse<String> last = get("/api/jobs?page_size=500&stage=annotation&page=" + lastPage,
                "Token demo-admin-token");
        HttpResponse<String> past = get("/api/jobs?page_size=500&stage=annotation&page=" + (lastPage + 1),
                "Token demo-admin-token");

        assertThat((List<?>) first.get("results")).hasSize(10);
        assertThat(first.get("count")).isEqualTo(300);
        assertThat(first.get("previous")).isNull();
        assertThat((String) first.get("next")).startsWith("http://127.0.0.1:" + port + "/demo-cvat/api/jobs?")
                .contains("page=2");
        assertThat((List<?>) capped.get("results")).hasSize(DemoCvatPaging.MAX_PAGE_SIZE);
        assertThat((String) capped.get("next")).contains("page_size=500", "stage=annotation", "page=2");
        assertThat(json(last).get("next")).isNull();
        assertThat((String) json(last).get("previous")).isNotNull();
        assertThat(past.statusCode()).isEqualTo(404);
        assertThat(json(past)).isEqualTo(Map.of("detail", "Invalid page."));
        assertThat(get("/api/jobs?page=abc", "Token demo-admin-token").statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nextLinksKeepFiltersWithSpaces() throws Exception {
        Map<String, Object> page = json(get("/api/jobs?state=in%20progress&page_size=5", "Token demo-admin-token"));

        String next = (String) page.get("next");
        assertThat(next).contains("state=in%20progress");
        Map<String, Object> second = json(http.send(HttpRequest.newBuilder(URI.create(next))
                .header("Authorization", "Token demo-admin-token").build(), HttpResponse.BodyHandlers.ofString()));
        assertThat((List<Map<String, Object>>) second.get("results"))
                .allSatisfy(job -> assertThat(job.get("state")).isEqualTo("in progress"));
    }

    @Test
    void filtersJobsByStageStateAndAssignee() throws Exception {
        List<CvatModel.Job> completed = admin.listJobs(2, JobStage.ANNOTATION, JobState.COMPLETED);
        List<Map<String, Object>> annas = results(get("/api/jobs?assignee=anna&page_size=100",
                "Token demo-admin-token"));

        assertThat(completed).isNotEmpty().allSatisfy(job -> {
            assertThat(job.taskId()).isEqualTo(2);
            assertThat(job.stage()).isEqualTo(JobStage.ANNOTATION);
            assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        });
        assertThat(completed).hasSize(demo.jobs(demo.user("demo-admin"),
                new JobFilter(2L, null, JobStage.ANNOTATION, JobState.COMPLETED, null)).size());
        assertThat(annas).isNotEmpty().allSatisfy(job ->
                assertThat(((Map<?, ?>) job.get("assignee")).get("username")).isEqualTo("anna"));
    }

    @Test
    void patchingTheStageAloneResetsTheStateToNewLikeCvat() throws Exception {
        DemoCvatModel.Job job = completedJobOf("tom");

        Map<String, Object> patched = json(patch("/api/jobs/" + job.id(), "Token demo-admin-token",
                "{\"stage\":\"validation\"}"));
        CvatModel.Job both = admin.updateJob(job.id(), demo.user("rita").id(), JobStage.VALIDATION,
                JobState.IN_PROGRESS);

        assertThat(patched.get("stage")).isEqualTo("validation");
        assertThat(patched.get("state")).isEqualTo("new");
        assertThat(patched.get("status")).isEqualTo("validation");
        assertThat(((Map<?, ?>) patched.get("assignee")).get("username")).isEqualTo("tom");
        assertThat(both.state()).isEqualTo(JobState.IN_PROGRESS);
        assertThat(both.assignee().username()).isEqualTo("rita");
        assertThat(both.updatedDate()).isAfter(job.updatedDate().atOffset(java.time.ZoneOffset.UTC));
    }

    @Test
    void unknownStageOrStateIsABadRequest() throws Exception {
        DemoCvatModel.Job job = completedJobOf("tom");

        HttpResponse<String> badPatch = patch("/api/jobs/" + job.id(), "Token demo-admin-token",
                "{\"assignee\":null,\"stage\":\"review\",\"state\":\"new\"}");
        HttpResponse<String> badFilter = get("/api/jobs?state=done", "Token demo-admin-token");

        assertThat(badPatch.statusCode()).isEqualTo(400);
        assertThat(json(badPatch)).containsKey("stage");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(json(badFilter)).containsKey("state");
        assertThat(demo.job(job.id())).isEqualTo(job);
    }

    @Test
    void unknownOrMissingTokenIsUnauthorized() throws Exception {
        CvatClient stranger = new CvatClientFactory(new SimpleMeterRegistry(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 500).create(new CvatConnection("demo", baseUrl, "Token nope", null));

        assertThatThrownBy(stranger::currentUser).isInstanceOfSatisfying(CvatException.AccessDenied.class,
                e -> assertThat(e.status()).isEqualTo(401));
        HttpResponse<String> anonymous = get("/api/jobs", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous)).isEqualTo(Map.of("detail", "Invalid token."));
    }

    @Test
    void workerListsOnlyTheirJobsAndMayNotMoveThem() {
        CvatModel.User self = anna.currentUser();
        List<CvatModel.Task> tasks = anna.listTasks();
        List<CvatModel.Job> jobs = anna.listJobs(tasks.get(0).id(), null, null);

        assertThat(self.username()).isEqualTo("anna");
        assertThat(tasks.size()).isLessThanOrEqualTo(8);
        assertThat(jobs).isNotEmpty().allSatisfy(j -> assertThat(j.assignee().id()).isEqualTo(self.id()));
        assertThatThrownBy(() -> anna.updateJob(jobs.get(0).id(), self.id(), JobStage.VALIDATION, JobState.NEW))
                .isInstanceOfSatisfying(CvatException.AccessDenied.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("maintainer");
                });
    }

    @Test
    void simulatedAnnotatorReCompletesAJobTheReviewerRejected() {
        DemoCvatModel.Job done = completedJobOf("lee");
        long lee = demo.user("lee").id();
        admin.updateJob(done.id(), lee, JobStage.ANNOTATION, JobState.REJECTED);
        admin.postIssue(done.id(), done.startFrame(), "Two cars on the left have no boxes");

        demo.tick();
        CvatModel.Job inRework = admin.getJob(done.id());
        CvatModel.Job redone = inRework;
        for (int tick = 0; tick < 10 && redone.state() != JobState.COMPLETED; tick++) {
            demo.tick();
            redone = admin.getJob(done.id());
        }

        assertThat(inRework.state()).isEqualTo(JobState.IN_PROGRESS);
        assertThat(inRework.assignee().id()).isEqualTo(lee);
        assertThat(redone.stage()).isEqualTo(JobStage.ANNOTATION);
        assertThat(redone.state()).isEqualTo(JobState.COMPLETED);
        assertThat(redone.assignee().id()).isEqualTo(lee);
        assertThat(redone.updatedDate()).isAfter(inRework.updatedDate());
        assertThat(redone.issues().count()).isEqualTo(done.issueCount() + 1);
    }

    @Test
    void annotationCountsComeFromTheDemoState() {
        DemoCvatModel.Job job = completedJobOf("mia");

        CvatModel.AnnotationCounts counts = admin.annotationCounts(job.id());

        DemoCvatModel.Annotations expected = demo.annotations(job.id());
        assertThat(counts).isEqualTo(new CvatModel.AnnotationCounts(expected.shapes(), expected.tracks(),
                expected.tags()));
        assertThat(counts.total()).isPositive();
    }

    @Test
    void annotationsStayTheSameUntilEditedSoThatTwoDownloadsCanBeCompared() {
        DemoCvatModel.Job job = completedJobOf("mia");
        CvatModel.JobAnnotations first = admin.jobAnnotations(job.id());

        assertThat(admin.jobAnnotations(job.id())).isEqualTo(first);
        DemoCvatModel.AnnotationObject box = demo.drawBox(job.id(), 1, job.startFrame());
        demo.deleteObject(job.id(), box.id());
        assertThat(admin.jobAnnotations(job.id()).shapes()).isEqualTo(first.shapes());
        assertThat(admin.listLabels(job.id())).extracting(CvatModel.Label::name)
                .containsExactlyElementsOf(DemoCvatModel.LABELS);
    }

    @Test
    void jobPageShowsTheJobAndTheNotesPostedToIt() throws Exception {
        DemoCvatModel.Job job = completedJobOf("anna");
        CvatModel.Issue issue = admin.postIssue(job.id(), job.startFrame(), "Helmets <not> labelled");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(
                admin.jobUrl(job.taskId(), job.id()))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongTask = http.send(HttpRequest.newBuilder(URI.create(
                admin.jobUrl(job.taskId() + 1, job.id()))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(issue.job()).isEqualTo(job.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(page.body()).contains("Demo CVAT", "job #" + job.id(), "completed", "Anna Berg (anna)",
                "Helmets &lt;not&gt; labelled");
        assertThat(wrongTask.statusCode()).isEqualTo(404);
    }

    @Test
    void responsesFollowCvatsSchema() throws Exception {
        String token = "Token demo-admin-token";
        DemoCvatModel.Job video = demo.jobs(demo.user("demo-admin"), new JobFilter(3L, null, JobStage.ANNOTATION,
                JobState.COMPLETED, null)).get(0);
        DemoCvatModel.Job unassigned = demo.jobs(demo.user("demo-admin"), JobFilter.all()).stream()
                .filter(j -> j.assigneeId() == null).findFirst().orElseThrow();

        HttpResponse<String> self = get("/api/users/self", token);
        assertThat(self.headers().firstValue("Content-Type")).hasValue("application/vnd.cvat+json");
        assertConforms(self, "MetaUser");
        assertConforms(get("/api/users/self", "Token demo-anna-token"), "User");
        assertConforms(get("/api/users", token), "PaginatedMetaUserList");
        assertConforms(get("/api/users", "Token demo-anna-token"), "PaginatedMetaUserList");
        assertConforms(get("/api/tasks?page_size=100", token), "PaginatedTaskReadList");
        assertConforms(get("/api/tasks/3", token), "TaskRead");
        assertConforms(get("/api/jobs?page_size=100", token), "PaginatedJobReadList");
        assertConforms(get("/api/jobs/" + video.id(), token), "JobRead");
        assertConforms(get("/api/jobs/" + unassigned.id(), token), "JobRead");
        assertConforms(get("/api/jobs/" + video.id() + "/annotations/", token), "LabeledData");
        HttpResponse<String> issue = post("/api/issues", token, "{\"frame\":" + video.startFrame()
                + ",\"position\":[1.0,2.0,30.5,40.5],\"job\":" + video.id() + ",\"message\":\"Track lost\"}");
        assertThat(issue.statusCode()).isEqualTo(201);
        assertConforms(issue, "IssueRead");
        assertConforms(get("/api/issues?job_id=" + video.id(), token), "PaginatedIssueReadList");
        assertConforms(get("/api/labels?job_id=" + video.id(), token), "PaginatedLabelList");
        Map<String, Object> labeled = json(get("/api/jobs/" + video.id() + "/annotations/", token));
        assertThat((List<?>) labeled.get("tracks")).isNotEmpty();
        // the check itself notices a field CVAT does not have
        assertThat(SCHEMA.problems(Map.of("taskId", 1, "issues", Map.of(), "labels", Map.of()), "JobRead"))
                .containsExactly("JobRead.taskId is not in the schema");
    }

    // ---- helpers

    private DemoCvatModel.Job completedJobOf(String annotator) {
        return demo.jobs(demo.user("demo-admin"),
                new JobFilter(null, null, JobStage.ANNOTATION, JobState.COMPLETED, annotator)).get(0);
    }

    private void assertConforms(HttpResponse<String> response, String schema) throws IOException {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isBetween(200, 201);
        assertThat(SCHEMA.problems(JSON.readValue(response.body(), Object.class), schema))
                .as(response.uri().toString()).isEmpty();
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> patch(String path, String authorization, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        return JSON.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(HttpResponse<String> response) throws IOException {
        return (List<Map<String, Object>>) json(response).get("results");
    }
}
