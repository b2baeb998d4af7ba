package io.cvatqueue.cvat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CvatClient against a scripted CVAT (WireMock): paging, headers, request bodies, errors, timeouts, metrics. */
class CvatClientTest {

    private static final String CVAT_JSON = "application/vnd.cvat+json";

    @RegisterExtension
    static WireMockExtension cvat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CvatClientFactory factory =
            new CvatClientFactory(registry, Duration.ofSeconds(2), Duration.ofSeconds(5), 500);

    @Test
    void pagesThroughAllJobsWhenCvatCapsThePageSize() {
        // CVAT answers at most 10 per page here, whatever page_size asks for
        serveJobs(37, 10);

        List<Job> jobs = client("Token key").listJobs(7, null, null);

        assertThat(jobs).extracting(Job::id).containsExactlyElementsOf(LongStream.rangeClosed(1, 37).boxed().toList());
        cvat.verify(4, getRequestedFor(urlPathEqualTo("/api/jobs")).withQueryParam("page_size", equalTo("500"))
                .withQueryParam("task_id", equalTo("7")));
        cvat.verify(0, getRequestedFor(urlPathEqualTo("/api/jobs")).withQueryParam("page", equalTo("5")));
    }

    @Test
    void stopsAtInvalidPageWhenJobsVanishWhilePaging() {
        // page 1 to 3 promise 37 jobs, then the last ones are deleted: CVAT answers page 4 with 404
        for (int page = 1; page <= 3; page++) {
            cvat.stubFor(get(urlPathEqualTo("/api/jobs")).withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(cvatJson(200, pageJson(37, page, jobsJson((page - 1) * 10 + 1, page * 10), true))));
        }
        cvat.stubFor(get(urlPathEqualTo("/api/jobs")).withQueryParam("page", equalTo("4"))
                .willReturn(cvatJson(404, "{\"detail\":\"Invalid page.\"}")));

        assertThat(client("Token key").listJobs(7, null, null)).hasSize(30);
    }

    @Test
    void invalidFirstPageIsNotFound() {
        cvat.stubFor(get(urlPathEqualTo("/api/tasks")).willReturn(cvatJson(404, "{\"detail\":\"Invalid page.\"}")));

        assertThatThrownBy(() -> client("Token key").listTasks()).isInstanceOf(CvatException.NotFound.class)
                .hasMessageContaining("Invalid page.");
    }

    @Test
    void filtersJobsOnTheServerWithCvatsWireValues() {
        serveJobs(3, 10);

        client("Token key").listJobs(7, JobStage.ANNOTATION, JobState.IN_PROGRESS);

        cvat.verify(getRequestedFor(urlPathEqualTo("/api/jobs")).withQueryParam("task_id", equalTo("7"))
                .withQueryParam("stage", equalTo("annotation")).withQueryParam("state", equalTo("in progress"))
                .withQueryParam("page", equalTo("1")));
    }

    @Test
    void sendsTheTokenAsGivenOrganizationAndCvatAcceptHeader() {
        cvat.stubFor(get("/api/users/self").willReturn(cvatJson(200, userJson(3, "rita"))));

        CvatModel.User user = factory.create(new CvatConnection("main", cvat.baseUrl(), "Token abc123", "acme"))
                .currentUser();

        assertThat(user.id()).isEqualTo(3);
        assertThat(user.username()).isEqualTo("rita");
        assertThat(user.groups()).containsExactly("user");
        cvat.verify(getRequestedFor(urlEqualTo("/api/users/self"))
                .withHeader("Authorization", equalTo("Token abc123"))
                .withHeader("X-Organization", equalTo("acme"))
                .withHeader("Accept", containing(CVAT_JSON)));
    }

    @Test
    void sendsBearerTokensAsGivenAndNoOrganizationWhenNoneIsSet() {
        cvat.stubFor(get("/api/users/self").willReturn(cvatJson(200, userJson(3, "rita"))));

        client("Bearer pat_XYZ").currentUser();

        cvat.verify(getRequestedFor(urlEqualTo("/api/users/self"))
                .withHeader("Authorization", equalTo("Bearer pat_XYZ"))
                .withoutHeader("X-Organization"));
    }

    @Test
    void patchAlwaysCarriesAssigneeStageAndState() {
        cvat.stubFor(patch(urlEqualTo("/api/jobs/5")).willReturn(cvatJson(200, jobJson(5))));
        CvatClient client = client("Token key");

        Job job = client.updateJob(5, 42L, JobStage.VALIDATION, JobState.IN_PROGRESS);
        client.updateJob(5, null, JobStage.ANNOTATION, JobState.REJECTED);

        assertThat(job.id()).isEqualTo(5);
        cvat.verify(patchRequestedFor(urlEqualTo("/api/jobs/5"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"assignee\":42,\"stage\":\"validation\",\"state\":\"in progress\"}")));
        cvat.verify(patchRequestedFor(urlEqualTo("/api/jobs/5"))
                .withRequestBody(equalToJson("{\"assignee\":null,\"stage\":\"annotation\",\"state\":\"rejected\"}")));
    }

    @Test
    void refusesToSendAStageWithoutAState() {
        assertThatThrownBy(() -> client("Token key").updateJob(5, 42L, JobStage.VALIDATION, null))
                .isInstanceOf(IllegalArgumentException.class);
        cvat.verify(0, patchRequestedFor(urlEqualTo("/api/jobs/5")));
    }

    @Test
    void readsJobsAndTasksAsCvatWritesThem() {
        cvat.stubFor(get("/api/jobs/5").willReturn(cvatJson(200, jobJson(5))));
        cvat.stubFor(get("/api/tasks/7").willReturn(cvatJson(200, """
                {"url":"http://cvat/api/tasks/7","id":7,"name":"Street","project_id":2,"status":"annotation",
                 "owner":{"id":1,"username":"admin","first_name":"","last_name":""},"assignee":null,"size":480,
                 "created_date":"2025-01-02T10:00:00.123456Z","updated_date":"2025-03-04T11:12:13.5Z",
                 "jobs":{"count":12,"completed":3,"validation":2,"url":"http://cvat/api/jobs?task_id=7"},
                 "labels":{"url":"http://cvat/api/labels?task_id=7"},"new_field_of_a_later_cvat":{"x":1}}
                """)));
        CvatClient client = client("Token key");

        Job job = client.getJob(5);
        CvatModel.Task task = client.getTask(7);

        assertThat(job.taskId()).isEqualTo(7);
        assertThat(job.assignee().username()).isEqualTo("anna");
        assertThat(job.stage()).isEqualTo(JobStage.ANNOTATION);
        assertThat(job.state()).isEqualTo(JobState.IN_PROGRESS);
        assertThat(job.frameCount()).isEqualTo(50);
        assertThat(job.issues().count()).isEqualTo(2);
        assertThat(job.updatedDate()).isNotNull();
        assertThat(task.jobs()).isEqualTo(new CvatModel.JobsSummary(12, 3, 2));
        assertThat(task.owner().username()).isEqualTo("admin");
    }

    @Test
    void countsAnnotationsOfAJob() {
        cvat.stubFor(get(urlEqualTo("/api/jobs/9/annotations/")).willReturn(cvatJson(200, """
                {"version":4,
                 "tags":[{"frame":0,"label_id":1}],
                 "shapes":[{"type":"rectangle","frame":0,"label_id":1,"points":[0,0,1,1]},
                           {"type":"rectangle","frame":1,"label_id":1,"points":[0,0,1,1]},
                           {"type":"polygon","frame":2,"label_id":2,"points":[0,0,1,1,2,0]}],
                 "tracks":[{"frame":0,"label_id":3,"shapes":[]},{"frame":4,"label_id":3,"shapes":[]}]}
                """)));

        CvatModel.AnnotationCounts counts = client("Token key").annotationCounts(9);

        assertThat(counts).isEqualTo(new CvatModel.AnnotationCounts(3, 2, 1));
        assertThat(counts.total()).isEqualTo(6);
    }

    @Test
    void postsReviewNotesAsIssues() {
        cvat.stubFor(post(urlEqualTo("/api/issues")).willReturn(cvatJson(201, """
                {"id":77,"frame":100,"position":[0.0,0.0,1.0,1.0],"job":12,"resolved":false,
                 "comments":{"count":1,"url":"http://cvat/api/comments?issue_id=77"}}
                """)));

        CvatModel.Issue issue = client("Token key").postIssue(12, 100, "Boxes too loose on frame 100");

        assertThat(issue.id()).isEqualTo(77);
        assertThat(issue.job()).isEqualTo(12);
        cvat.verify(postRequestedFor(urlEqualTo("/api/issues")).withRequestBody(equalToJson(
                "{\"frame\":100,\"position\":[0.0,0.0,1.0,1.0],\"job\":12,\"message\":\"Boxes too loose on frame 100\"}")));
    }

    @Test
    void everyCallForATaskInAnOrganisationCarriesThatOrganisationInsteadOfTheInstanceDefault() {
        cvat.stubFor(get(urlPathEqualTo("/api/jobs")).willReturn(cvatJson(200,
                "{\"count\":1,\"next\":null,\"previous\":null,\"results\":[" + jobJson(5) + "]}")));
        cvat.stubFor(get(urlPathEqualTo("/api/jobs/5")).willReturn(cvatJson(200, jobJson(5))));
        cvat.stubFor(patch(urlPathEqualTo("/api/jobs/5")).willReturn(cvatJson(200, jobJson(5))));
        cvat.stubFor(post(urlPathEqualTo("/api/issues")).willReturn(cvatJson(201,
                "{\"id\":77,\"frame\":0,\"position\":[0.0,0.0,1.0,1.0],\"job\":5,\"resolved\":false}")));
        CvatClient inOrg = factory.create(new CvatConnection("main", cvat.baseUrl(), "Token key", "acme"))
                .in(CvatOrganization.of(42L));

        inOrg.listJobs(7, null, null);
        inOrg.getJob(5);
        inOrg.updateJob(5, 3L, JobStage.VALIDATION, JobState.IN_PROGRESS);
        inOrg.postIssue(5, 0, "note");

        for (var request : cvat.getAllServeEvents()) {
            assertThat(request.getRequest().queryParameter("org_id").firstValue()).as(request.getRequest().getUrl())
                    .isEqualTo("42");
            assertThat(request.getRequest().containsHeader("X-Organization")).as(request.getRequest().getUrl())
                    .isFalse();
        }
        assertThat(cvat.getAllServeEvents()).hasSize(4);
    }

    @Test
    void callsForAPersonalWorkspaceTaskAskForThePersonalWorkspace() {
        cvat.stubFor(get(urlPathEqualTo("/api/jobs/5")).willReturn(cvatJson(200, jobJson(5))));

        factory.create(new CvatConnection("main", cvat.baseUrl(), "Token key", "acme"))
                .in(CvatOrganization.of(null)).getJob(5);

        cvat.verify(getRequestedFor(urlPathEqualTo("/api/jobs/5")).withQueryParam("org", equalTo(""))
                .withoutHeader("X-Organization"));
    }

    @Test
    void wrongTokenIsAccessDenied() {
        cvat.stubFor(get("/api/users/self").willReturn(cvatJson(401, "{\"detail\":\"Invalid token.\"}")));

        assertThatThrownBy(() -> client("Token nope").currentUser())
                .isInstanceOfSatisfying(CvatException.AccessDenied.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("rejected the token", "Invalid token.");
                });
    }

    @Test
    void forbiddenWriteNamesTheRoleItNeeds() {
        cvat.stubFor(patch(urlEqualTo("/api/jobs/5")).willReturn(cvatJson(403,
                "{\"detail\":\"You do not have permission to perform this action.\"}")));

        assertThatThrownBy(() -> client("Token worker").updateJob(5, 1L, JobStage.VALIDATION, JobState.NEW))
                .isInstanceOfSatisfying(CvatException.AccessDenied.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("maintainer", "Admin > CVAT instances");
                });
    }

    @Test
    void forbiddenReadExplainsWhoMaySeeAllJobs() {
        cvat.stubFor(get(urlPathEqualTo("/api/jobs")).willReturn(cvatJson(403,
                "{\"detail\":\"You do not have permission to perform this action.\"}")));

        assertThatThrownBy(() -> client("Token worker").listJobs(7, null, null))
                .isInstanceOfSatisfying(CvatException.AccessDenied.class,
                        e -> assertThat(e.getMessage()).contains("task owner"));
    }

    @Test
    void missingJobIsNotFound() {
        cvat.stubFor(get("/api/jobs/404").willReturn(cvatJson(404, "{\"detail\":\"Not found.\"}")));

        assertThatThrownBy(() -> client("Token key").getJob(404)).isInstanceOf(CvatException.NotFound.class);
    }

    @Test
    void refusedContentIsRejected() {
        cvat.stubFor(patch(urlEqualTo("/api/jobs/5")).willReturn(cvatJson(400,
                "{\"assignee\":[\"Invalid pk \\\"99\\\" - object does not exist.\"]}")));

        assertThatThrownBy(() -> client("Token key").updateJob(5, 99L, JobStage.VALIDATION, JobState.NEW))
                .isInstanceOfSatisfying(CvatException.Rejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Invalid pk");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503})
    void overloadedOrFailingCvatIsUnavailableAndRetryable(int status) {
        cvat.stubFor(get("/api/jobs/5").willReturn(aResponse().withStatus(status).withBody("<html>busy</html>")));

        assertThatThrownBy(() -> client("Token key").getJob(5))
                .isInstanceOfSatisfying(CvatException.Unavailable.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).doesNotContain("<html>");
                });
    }

    @Test
    void slowCvatTimesOutAfterTheReadTimeout() {
        cvat.stubFor(get("/api/jobs/5").willReturn(cvatJson(200, jobJson(5)).withFixedDelay(5_000)));
        CvatClient client = new CvatClientFactory(registry, Duration.ofSeconds(1), Duration.ofMillis(300), 500)
                .create(new CvatConnection("slow", cvat.baseUrl(), "Token key", null));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.getJob(5)).isInstanceOfSatisfying(CvatException.Unavailable.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void unreachableCvatIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CvatClient client = factory.create(new CvatConnection("down", "http://127.0.0.1:" + closedPort, "Token key",
                null));

        assertThatThrownBy(client::currentUser).isInstanceOfSatisfying(CvatException.Unavailable.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("connection refused");
        });
    }

    @Test
    void answerThatIsNotCvatsApiSaysSo() {
        cvat.stubFor(get("/api/users/self").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>login</html>")));

        assertThatThrownBy(() -> client("Token key").currentUser()).isExactlyInstanceOf(CvatException.class)
                .hasMessageContaining("not CVAT's API");
    }

    @Test
    void timesEveryRequestPerInstanceAndOutcome() {
        cvat.stubFor(get("/api/users/self").willReturn(cvatJson(200, userJson(1, "admin"))));
        cvat.stubFor(get("/api/jobs/5").willReturn(cvatJson(404, "{\"detail\":\"Not found.\"}")));
        CvatClient alpha = factory.create(new CvatConnection("alpha", cvat.baseUrl(), "Token key", null));
        CvatClient beta = factory.create(new CvatConnection("beta", cvat.baseUrl(), "Token key", null));

        alpha.currentUser();
        alpha.currentUser();
        assertThatThrownBy(() -> alpha.getJob(5)).isInstanceOf(CvatException.NotFound.class);
        beta.currentUser();

        assertThat(count("alpha", null)).isEqualTo(3);
        assertThat(count("alpha", "SUCCESS")).isEqualTo(2);
        assertThat(count("alpha", "CLIENT_ERROR")).isEqualTo(1);
        assertThat(count("beta", null)).isEqualTo(1);
    }

    // ---- helpers

    private CvatClient client(String authorization) {
        return factory.create(new CvatConnection("test", cvat.baseUrl(), authorization, null));
    }

    private long count(String instance, String outcome) {
        var search = registry.find(MeteredClient.METRIC).tag("instance", instance);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.timers().stream().mapToLong(Timer::count).sum();
    }

    /** Serves {@code total} jobs in pages of at most {@code maxPageSize}, with CVAT's 404 past the end. */
    private static void serveJobs(int total, int maxPageSize) {
        int pages = (total + maxPageSize - 1) / maxPageSize;
        for (int page = 1; page <= pages; page++) {
            int from = (page - 1) * maxPageSize + 1;
            int to = Math.min(total, page * maxPageSize);
            cvat.stubFor(get(urlPathEqualTo("/api/jobs")).withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(cvatJson(200, pageJson(total, page, jobsJson(from, to), page < pages))));
        }
        cvat.stubFor(get(urlPathEqualTo("/api/jobs")).withQueryParam("page", equalTo(String.valueOf(pages + 1)))
                .willReturn(cvatJson(404, "{\"detail\":\"Invalid page.\"}")));
    }

    private static String pageJson(int count, int page, String results, boolean hasNext) {
        String next = hasNext ? "\"http://cvat.internal:8080/api/jobs?page=" + (page + 1) + "\"" : "null";
        String previous = page > 1 ? "\"http://cvat.internal:8080/api/jobs?page=" + (page - 1) + "\"" : "null";
        return "{\"count\":" + count + ",\"next\":" + next + ",\"previous\":" + previous + ",\"results\":" + results
                + "}";
    }

    private static String jobsJson(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(CvatClientTest::jobJson)
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String jobJson(int id) {
        return """
                {"url":"http://cvat/api/jobs/%d","id":%d,"task_id":7,"project_id":2,
                 "assignee":{"url":"http://cvat/api/users/4","id":4,"username":"anna","first_name":"Anna","last_name":"Berg"},
                 "dimension":"2d","status":"annotation","stage":"annotation","state":"in progress","mode":"annotation",
                 "frame_count":50,"start_frame":0,"stop_frame":49,"created_date":"2025-01-02T10:00:00.123456Z",
                 "updated_date":"2025-03-04T11:12:13.123456Z","assignee_updated_date":null,
                 "issues":{"count":2,"url":"http://cvat/api/issues?job_id=%d"},
                 "labels":{"url":"http://cvat/api/labels?job_id=%d"},"type":"annotation","consensus_replicas":0}
                """.formatted(id, id, id, id);
    }

    private static String userJson(long id, String username) {
        return """
                {"url":"http://cvat/api/users/%d","id":%d,"username":"%s","first_name":"","last_name":"",
                 "email":"%s@example.com","groups":["user"],"is_staff":false,"is_superuser":false,"is_active":true,
                 "last_login":null,"date_joined":"2024-01-01T00:00:00Z","has_analytics_access":false}
                """.formatted(id, id, username, username);
    }

    private static ResponseDefinitionBuilder cvatJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", CVAT_JSON).withBody(body);
    }
}
