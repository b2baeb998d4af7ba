package io.cvatqueue.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The app's REST API ({@code /api/v1}, actuator) as seeded accounts use it, with HTTP Basic. */
final class AppApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer; {@code status} 0 when no answer came (connection refused or reset). */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem detail's {@code detail}, or the body. */
        String detail() {
            try {
                JsonNode node = JSON.readTree(body);
                return node != null && node.hasNonNull("detail") ? node.get("detail").asText() : body;
            } catch (IOException e) {
                return body;
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    private final String baseUrl;
    private final String password;

    AppApi(String baseUrl, String password) {
        this.baseUrl = baseUrl;
        this.password = password;
    }

    String baseUrl() {
        return baseUrl;
    }

    Answer get(String user, String path) {
        return send(request(user, path).GET());
    }

    Answer post(String user, String path, String json) {
        return send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Without credentials (health, webhooks). */
    Answer getAnonymous(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET());
    }

    // ---- the calls the scenarios make ------------------------------------------------------------------------

    Answer sync(long instanceId, long taskId) {
        return post("admin", "/api/v1/tasks/" + taskId + "/sync?wait=true&instance=" + instanceId, "{}");
    }

    Answer assign(long reviewId, String reviewer) {
        return post("admin", "/api/v1/reviews/" + reviewId + "/assign", "{\"reviewer\":\"" + reviewer + "\"}");
    }

    Answer start(String reviewer, long reviewId) {
        return post(reviewer, "/api/v1/reviews/" + reviewId + "/start", "{}");
    }

    Answer approve(String reviewer, long reviewId) {
        return post(reviewer, "/api/v1/reviews/" + reviewId + "/decision",
                "{\"decision\":\"APPROVED\",\"note\":\"fault suite: looks good\"}");
    }

    Answer reject(String reviewer, long reviewId) {
        return post(reviewer, "/api/v1/reviews/" + reviewId + "/decision",
                "{\"decision\":\"REJECTED\",\"reason\":\"Missing objects\",\"note\":\"fault suite: cars on frame 3\"}");
    }

    /** The review as an admin reads it ({@code status}, {@code reviewer}, {@code endReason}, {@code audit}, ...). */
    JsonNode review(long reviewId) {
        Answer answer = get("admin", "/api/v1/reviews/" + reviewId);
        if (answer.status() != 200) {
            throw new AssertionError("GET /api/v1/reviews/" + reviewId + " answered " + answer);
        }
        return answer.json();
    }

    /** Open reviews of one task (queue entries: reviewId, cvatJobId, status, reviewer, ...). */
    List<JsonNode> openReviews(long instanceId, long taskId) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Answer answer = get("admin", "/api/v1/queue?instance=" + instanceId + "&task=" + taskId
                    + "&size=500&sort=cvatJobId,asc&page=" + page);
            if (answer.status() != 200) {
                throw new AssertionError("GET /api/v1/queue answered " + answer);
            }
            JsonNode json = answer.json();
            json.path("content").forEach(all::add);
            if (page + 1 >= json.path("totalPages").asInt()) {
                return all;
            }
        }
    }

    /** The number of open reviews of a task, with one small query. */
    long openReviewCount(long instanceId, long taskId) {
        Answer answer = get("admin", "/api/v1/queue?instance=" + instanceId + "&task=" + taskId + "&size=1");
        if (answer.status() != 200) {
            throw new AssertionError("GET /api/v1/queue answered " + answer);
        }
        return answer.json().path("totalElements").asLong();
    }

    private HttpRequest.Builder request(String user, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + basic);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, e.toString());
        }
    }
}
