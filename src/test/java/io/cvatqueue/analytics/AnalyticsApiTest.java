package io.cvatqueue.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The original app's analytics endpoints over HTTP: HTTP Basic with an app account, snake_case JSON. */
class AnalyticsApiTest extends AnalyticsTestBase {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();
    private long taskId;

    @BeforeEach
    void aTrackedTaskAndAReviewer() {
        taskId = freshTrackedTask(1);
        account("api-rita", Role.REVIEWER, "rita");
    }

    @Test
    void withoutCredentialsBothEndpointsAnswer401InsteadOfRedirectingToTheLoginPage() {
        HttpResponse<String> jobs = send("GET", "/task/" + taskId + "/analytics/jobs", null);
        HttpResponse<String> refresh = send("POST", "/task/" + taskId + "/analytics/refresh", null);

        assertThat(jobs.statusCode()).isEqualTo(401);
        assertThat(jobs.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(refresh.statusCode()).isEqualTo(401);
        assertThat(faults.requestedJobs()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefused() {
        HttpResponse<String> response = send("GET", "/task/" + taskId + "/analytics/jobs",
                basic("api-rita", "wrong password"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void refreshAnswersASummaryAndJobsThenListsEveryJobsLatestSnapshot() throws IOException {
        int jobCount = jobIds(taskId).size();

        HttpResponse<String> refresh = send("POST", "/task/" + taskId + "/analytics/refresh",
                basic("api-rita", PASSWORD));

        assertThat(refresh.statusCode()).isEqualTo(200);
        JsonNode summary = json.readTree(refresh.body());
        assertThat(summary.get("jobs").asInt()).isEqualTo(jobCount);
        assertThat(summary.get("downloaded").asInt()).isEqualTo(jobCount);
        assertThat(summary.get("unchanged").asInt()).isZero();
        assertThat(summary.get("failed").asInt()).isZero();

        HttpResponse<String> jobs = send("GET", "/task/" + taskId + "/analytics/jobs", basic("api-rita", PASSWORD));

        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.headers().firstValue("Set-Cookie")).isEmpty();
        JsonNode list = json.readTree(jobs.body());
        assertThat(list).hasSize(jobCount);
        JsonNode first = list.get(0);
        long jobId = first.get("job_id").asLong();
        var annotations = cvat.annotations(jobId);
        assertThat(first.get("shapes").asInt()).isEqualTo(annotations.shapes());
        assertThat(first.get("tracks").asInt()).isEqualTo(annotations.tracks());
        assertThat(first.get("tags").asInt()).isEqualTo(annotations.tags());
        assertThat(first.get("stage").asText()).isEqualTo(cvat.job(jobId).stage().wire());
        assertThat(first.get("state").asText()).isEqualTo(cvat.job(jobId).state().wire());
        assertThat(first.has("annotator")).isTrue();
        assertThat(first.get("updated_date").asText()).isNotBlank();
        assertThat(first.get("snapshot_at").asText()).isEqualTo(summary.get("refreshed_at").asText());
    }

    @Test
    void aTaskThatIsNotTrackedIsNotFound() {
        HttpResponse<String> response = send("POST", "/task/424242/analytics/refresh", basic("api-rita", PASSWORD));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Task 424242 is not tracked");
    }

    private HttpResponse<String> send(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
