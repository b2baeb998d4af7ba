package io.cvatqueue.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.PackagedJar;
import io.cvatqueue.config.DataDirectories;
import io.cvatqueue.crypto.TokenCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Two app nodes (the packaged jar, started as separate JVMs) on one PostgreSQL schema, as in a scaled-out
 * deployment: node A serves the demo CVAT, node B only talks to it. Shows that each timer sync cycle runs on one
 * node only, that two nodes started at the same moment on an empty schema both come up, that syncing a task on
 * both nodes at once creates no duplicate review, and that a decision taken on
 * node A is what node B reports.
 */
class TwoNodeClusterIT {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SECRET = "cluster-test-secret";
    private static final String PASSWORD = "cluster-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String schema;
    private static Process nodeA;
    private static Process nodeB;
    private static int portA;
    private static int portB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        if ("1".equals(System.getenv("REQUIRE_POSTGRES"))) {
            assertThat(postgresReachable()).as("PostgreSQL on 127.0.0.1:5432 (REQUIRE_POSTGRES=1)").isTrue();
        }
        assumeThat(postgresReachable()).as("PostgreSQL on 127.0.0.1:5432").isTrue();
        schema = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection db = DriverManager.getConnection(PG, "postgres", "");
             Statement statement = db.createStatement()) {
            statement.execute("create schema " + schema);
        }
        portA = freePort();
        portB = freePort();
        // both at once on the empty schema, as an orchestrator starts them: both must come up
        nodeA = start("node-a", portA, "postgres,demo");
        nodeB = start("node-b", portB, "postgres");
        waitUntilUp(portA, nodeA);
        waitUntilUp(portB, nodeB);
        seedAccountsAndTrackAllTasks();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (Process node : new Process[]{nodeA, nodeB}) {
            if (node != null) {
                node.destroy();
                node.waitFor();
            }
        }
        if (schema != null) {
            try (Connection db = DriverManager.getConnection(PG, "postgres", "");
                 Statement statement = db.createStatement()) {
                statement.execute("drop schema " + schema + " cascade");
            }
        }
    }

    @Test
    void eachTimerSyncCycleRunsOnOneNodeOnly() throws Exception {
        Thread.sleep(35_000); // the sync interval is 10 s: several cycles pass

        List<Instant> starts = new ArrayList<>();
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select start_time_ from act_hi_procinst where proc_def_key_ = 'cvat-sync' order by start_time_")) {
            while (rows.next()) {
                starts.add(rows.getTimestamp(1).toInstant());
            }
        }
        assertThat(starts).hasSizeGreaterThanOrEqualTo(2);
        // the timer job's log is the evidence: two nodes running the same cycle would execute one due date twice.
        // (How far apart the instances start proves nothing: on a loaded machine a late cycle is followed by the
        // next one within a fraction of a second, on the same node, because the next due date counts from the last.)
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select count(*), count(distinct job_duedate_), count(distinct hostname_) from act_hi_job_log "
                        + "where process_def_key_ = 'cvat-sync' and job_state_ = 2")) {
            rows.next();
            assertThat(rows.getInt(1)).as("successful sync timer executions").isEqualTo(starts.size());
            assertThat(rows.getInt(2)).as("distinct due dates executed: each cycle once").isEqualTo(starts.size());
        }
    }

    @Test
    void syncingOnBothNodesAtOnceCreatesNoDuplicateReview() throws Exception {
        long taskId = firstTrackedTask();
        CompletableFuture<HttpResponse<String>> onA = CompletableFuture.supplyAsync(
                () -> post(portA, "/api/v1/tasks/" + taskId + "/sync?wait=true", "{}"));
        CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(
                () -> post(portB, "/api/v1/tasks/" + taskId + "/sync?wait=true", "{}"));
        assertThat(onA.get().statusCode()).isEqualTo(200);
        assertThat(onB.get().statusCode()).isEqualTo(200);

        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select cvat_job_id, count(*) from review where open_key is not null group by cvat_job_id "
                        + "having count(*) > 1")) {
            assertThat(rows.next()).as("a job with two open reviews").isFalse();
        }
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select count(*) from (select business_key_ from act_ru_execution where proc_def_id_ like 'job-review%' "
                        + "and parent_id_ is null group by business_key_ having count(*) > 1) d")) {
            rows.next();
            assertThat(rows.getInt(1)).as("jobs with two running review processes").isZero();
        }
    }

    @Test
    void decisionTakenOnOneNodeIsSeenOnTheOther() throws Exception {
        long taskId = firstTrackedTask();
        post(portA, "/api/v1/tasks/" + taskId + "/sync?wait=true", "{}");
        long reviewId;
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select id from review where status = 'QUEUED' order by id limit 1")) {
            assertThat(rows.next()).isTrue();
            reviewId = rows.getLong(1);
        }

        assertThat(post(portA, "/api/v1/reviews/" + reviewId + "/assign", "{\"reviewer\":\"admin\"}").statusCode())
                .isEqualTo(200);
        assertThat(post(portB, "/api/v1/reviews/" + reviewId + "/start", "{}").statusCode()).isEqualTo(200);
        waitForStatus(portA, reviewId, "IN_REVIEW");
        assertThat(post(portA, "/api/v1/reviews/" + reviewId + "/decision",
                "{\"decision\":\"APPROVED\",\"note\":\"looks good\"}").statusCode()).isEqualTo(200);

        waitForStatus(portB, reviewId, "APPROVED");
    }

    private static void waitForStatus(int port, long reviewId, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = get(port, "/api/v1/reviews/" + reviewId);
            if (response.statusCode() == 200) {
                JsonNode review = JSON.readTree(response.body());
                last = review.path("status").asText();
                if (status.equals(last)) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("review " + reviewId + " on port " + port + " stayed " + last + ", expected " + status);
    }

    private static long firstTrackedTask() throws SQLException {
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select t.cvat_task_id from tracked_task t order by t.cvat_task_id limit 1")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void seedAccountsAndTrackAllTasks() throws Exception {
        TokenCipher cipher = new TokenCipher(SECRET, new DataDirectories("target/cluster/keys", "target/cluster/keys"));
        String hash = new BCryptPasswordEncoder().encode(PASSWORD);
        try (Connection db = connect()) {
            long instanceId;
            try (ResultSet rows = db.createStatement().executeQuery("select id from cvat_instance where demo = true")) {
                rows.next();
                instanceId = rows.getLong(1);
            }
            try (PreparedStatement insert = db.prepareStatement("insert into app_user (username, password_hash, role, "
                    + "active, instance_id, cvat_user_id, cvat_username, cvat_token_enc, created_at, version) "
                    + "values (?, ?, ?, true, ?, ?, ?, ?, ?, 0)")) {
                for (Object[] user : new Object[][]{{"admin", "ADMIN", 1L, "demo-admin"}, {"rita", "REVIEWER", 2L, "rita"}}) {
                    insert.setString(1, (String) user[0]);
                    insert.setString(2, hash);
                    insert.setString(3, (String) user[1]);
                    insert.setLong(4, instanceId);
                    insert.setLong(5, (Long) user[2]);
                    insert.setString(6, (String) user[3]);
                    insert.setString(7, cipher.encrypt("Token demo-" + (user[3].equals("demo-admin") ? "admin" : user[3])
                            + "-token"));
                    insert.setTimestamp(8, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement track = db.prepareStatement("insert into tracked_task (instance_id, cvat_task_id, "
                    + "name, added_by, added_at) values (?, ?, ?, 'admin', ?)")) {
                for (long task = 1; task <= 8; task++) {
                    track.setLong(1, instanceId);
                    track.setLong(2, task);
                    track.setString(3, "Task " + task);
                    track.setTimestamp(4, Timestamp.from(Instant.now()));
                    track.executeUpdate();
                }
            }
        }
    }

    private static Process start(String name, int port, String profiles) throws IOException {
        Path dir = Path.of("target", "cluster", name).toAbsolutePath();
        Files.createDirectories(dir);
        File jar = PackagedJar.file();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.getAbsolutePath(),
                "--spring.profiles.active=" + profiles,
                "--spring.datasource.url=" + PG + "?currentSchema=" + schema,
                "--spring.flyway.schemas=" + schema,
                "--camunda.bpm.database.schema-name=" + schema,
                "--camunda.bpm.database.table-prefix=" + schema + ".",
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                "--app.sync.interval=PT10S",
                "--app.demo.tick=2s");
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("BIND", "127.0.0.1:" + port);
        builder.environment().put("DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("BACKUP_DIR", dir.resolve("backups").toString());
        builder.environment().put("APP_SECRET_KEY", SECRET);
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
        return builder.start();
    }

    private static void waitUntilUp(int port, Process node) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!node.isAlive()) {
                throw new IllegalStateException("node on port " + port + " exited; see target/cluster/*/node.log");
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 || health.statusCode() == 503) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("node on port " + port + " did not start within 3 minutes");
    }

    private static HttpResponse<String> post(int port, String path, String body) {
        try {
            return HTTP.send(request(port, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + basic);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
    }

    private static boolean postgresReachable() {
        try (Connection ignored = DriverManager.getConnection(PG, "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
