package io.cvatqueue.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatClientFactory;
import io.cvatqueue.cvat.CvatConnection;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.cvat.SchemaCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite's CVAT stand-in answers as CVAT's schema says and as the app's own client expects, and its
 * scripted faults behave as the suite relies on.
 */
class CvatStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CvatStandIn cvat;
    private CvatStandIn.User owner;
    private CvatStandIn.User annotator;
    private long task;
    private CvatClient client;

    @BeforeEach
    void start() {
        cvat = CvatStandIn.start("test", 7, 70);
        owner = cvat.addUser("owner", "owner-key");
        annotator = cvat.addUser("anna", "anna-key");
        task = cvat.addTask("Street scenes", 25);
        client = new CvatClientFactory(new SimpleMeterRegistry(), Duration.ofSeconds(2), Duration.ofSeconds(5), 10)
                .create(new CvatConnection("test", cvat.baseUrl(), owner.authorization(), null));
    }

    @AfterEach
    void stop() {
        cvat.close();
    }

    @Test
    void answersAgreeWithCvatsSchema() throws Exception {
        cvat.completeAnnotation(70, annotator.id());
        SchemaCheck schema = SchemaCheck.cvat();
        assertThat(schema.problems(get("/api/users/self"), "User")).isEmpty();
        assertThat(schema.problems(get("/api/users"), "PaginatedMetaUserList")).isEmpty();
        assertThat(schema.problems(get("/api/tasks/" + task), "TaskRead")).isEmpty();
        assertThat(schema.problems(get("/api/tasks"), "PaginatedTaskReadList")).isEmpty();
        assertThat(schema.problems(get("/api/jobs?task_id=" + task), "PaginatedJobReadList")).isEmpty();
        assertThat(schema.problems(get("/api/jobs/70"), "JobRead")).isEmpty();
        cvat.drawBox(70, 1, 3);
        assertThat(schema.problems(get("/api/jobs/70/annotations/"), "LabeledData")).isEmpty();
        client.postIssue(70, 0, "Missing cars");
        assertThat(cvat.issues(70)).hasSize(1);
        assertThat(schema.problems(get("/api/issues?job_id=70"), "PaginatedIssueReadList")).isEmpty();
        assertThat(schema.problems(get("/api/labels?job_id=70"), "PaginatedLabelList")).isEmpty();
    }

    @Test
    void theAppsClientPagesFiltersAndChangesJobs() {
        cvat.completeAnnotation(70, annotator.id());
        cvat.completeAnnotation(94, annotator.id());

        assertThat(client.listJobs(task, null, null)).hasSize(25);
        assertThat(client.listJobs(task, JobStage.ANNOTATION, JobState.COMPLETED)).extracting(j -> j.id())
                .containsExactly(70L, 94L);
        assertThat(client.currentUser().username()).isEqualTo("owner");

        client.updateJob(70, owner.id(), JobStage.VALIDATION, JobState.IN_PROGRESS);
        client.updateJob(70, owner.id(), JobStage.VALIDATION, JobState.IN_PROGRESS);
        assertThat(cvat.changes(70)).as("a repeated PATCH changes nothing").hasSize(1);
        assertThat(cvat.job(70).orElseThrow().assigneeId()).isEqualTo(owner.id());
        assertThatThrownBy(() -> client.updateJob(70, 99L, JobStage.ACCEPTANCE, JobState.COMPLETED))
                .isInstanceOf(CvatException.Rejected.class);
    }

    @Test
    void theAppsClientReadsAnnotationsIssuesAndLabelsAsTheReworkDeltaNeedsThem() {
        long kept = cvat.drawBox(70, 1, 2);
        long removed = cvat.drawBox(70, 2, 4);
        client.postIssue(70, 0, "Missing cars");
        cvat.deleteShape(70, removed);
        cvat.resolveIssue(cvat.issues(70).get(0).id());

        assertThat(client.jobAnnotations(70).shapes()).singleElement()
                .satisfies(shape -> assertThat(shape.get("id").asLong()).isEqualTo(kept));
        assertThat(client.listIssues(70)).singleElement().satisfies(issue -> assertThat(issue.isResolved()).isTrue());
        assertThat(client.listIssues(71)).isEmpty();
        assertThat(client.listLabels(70)).extracting(l -> l.name()).containsExactly("car", "person");
    }

    @Test
    void refusesUnknownTokens() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cvat.baseUrl() + "/api/users/self"))
                .header("Authorization", "Token wrong").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aDeletedJobIsNotFound() {
        cvat.deleteJob(71);
        assertThatThrownBy(() -> client.getJob(71)).isInstanceOf(CvatException.NotFound.class);
        assertThatThrownBy(() -> client.updateJob(71, null, JobStage.ACCEPTANCE, JobState.COMPLETED))
                .isInstanceOf(CvatException.NotFound.class);
        assertThat(client.listJobs(task, null, null)).hasSize(24);
    }

    @Test
    void failsThenGoesDownThenComesBackOnTheSamePort() {
        cvat.failThenGoDown(2, Duration.ofSeconds(1));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.getJob(70)).isInstanceOf(CvatException.Unavailable.class)
                    .hasMessageContaining("503");
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> !cvat.isUp());
        assertThatThrownBy(() -> client.getJob(70)).isInstanceOf(CvatException.Unavailable.class)
                .hasMessageContaining("connection refused");
        await().atMost(Duration.ofSeconds(5)).until(cvat::isUp);
        assertThat(client.getJob(70).id()).isEqualTo(70L);
        assertThat(cvat.failuresServed()).isEqualTo(2);
        assertThat(cvat.outages()).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cvat.baseUrl() + path))
                .header("Authorization", owner.authorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.cvat+json");
        return JSON.readValue(response.body(), Map.class);
    }
}
