package io.cvatqueue.cvat;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Contract test: every CvatClient call goes to a Prism mock of CVAT's own OpenAPI schema
 * (src/test/resources/cvat/schema.yml, CVAT 2.52). Prism validates each request (path, query, headers,
 * security, body) and answers 422 or 401 to any that breaks the schema; started with {@code --errors} it also
 * fails on violations it would otherwise only log. Prism comes from npm into target/prism on first use; the
 * test is skipped only when npm cannot install it (no registry).
 */
class CvatClientContractTest {

    private static final Path PRISM_HOME = Path.of("target", "prism");
    private static final Path PRISM = PRISM_HOME.resolve(Path.of("node_modules", ".bin", "prism"));
    private static Process prism;
    private static Path prismLog;
    private static String baseUrl;

    private CvatClient client;

    @BeforeAll
    static void startPrism() throws Exception {
        installPrism();
        Path schema = Path.of(CvatClientContractTest.class.getResource("/cvat/schema.yml").toURI());
        int port = freePort();
        prismLog = Files.createTempFile("prism", ".log");
        prism = new ProcessBuilder(PRISM.toAbsolutePath().toString(), "mock", "--errors", "-h", "127.0.0.1",
                "-p", String.valueOf(port), schema.toString())
                .redirectErrorStream(true).redirectOutput(prismLog.toFile()).start();
        baseUrl = "http://127.0.0.1:" + port;
        awaitPrism();
    }

    @AfterAll
    static void stopPrism() throws InterruptedException {
        if (prism != null) {
            prism.descendants().forEach(ProcessHandle::destroy);
            prism.destroy();
            if (!prism.waitFor(10, TimeUnit.SECONDS)) {
                prism.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void createClient() {
        client = new CvatClientFactory(new SimpleMeterRegistry(), Duration.ofSeconds(5), Duration.ofSeconds(10), 500)
                .create(new CvatConnection("prism", baseUrl, "Token contract-test-key", "acme"));
    }

    @Test
    void readCallsMatchCvatsSchema() {
        int logBefore = logLines().size();

        assertThat(client.currentUser().username()).isNotNull();
        // Prism's example pages claim 123 items, one per page: the client must page until it has them all
        assertThat(client.listUsers()).hasSize(123);
        assertThat(client.listTasks()).hasSize(123);
        assertThat(client.getTask(7).jobs()).isNotNull();
        assertThat(client.listJobs(7, null, null)).hasSize(123);
        assertThat(client.listJobs(7, JobStage.ANNOTATION, JobState.IN_PROGRESS)).hasSize(123);
        assertThat(client.getJob(11).stage()).isNotNull();
        assertThat(client.annotationCounts(11).total()).isGreaterThanOrEqualTo(0);

        assertNoViolationsSince(logBefore);
    }

    @Test
    void writeCallsMatchCvatsSchema() {
        int logBefore = logLines().size();

        for (JobStage stage : JobStage.values()) {
            for (JobState state : JobState.values()) {
                assertThat(client.updateJob(11, 4L, stage, state)).isNotNull();
            }
        }
        assertThat(client.updateJob(11, null, JobStage.ANNOTATION, JobState.REJECTED)).isNotNull();
        assertThat(client.postIssue(11, 0, "Boxes are too loose").id()).isNotNull();

        assertNoViolationsSince(logBefore);
    }

    @Test
    void bearerTokensMatchCvatsSchemaToo() {
        int logBefore = logLines().size();
        CvatClient bearer = new CvatClientFactory(new SimpleMeterRegistry(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 500).create(new CvatConnection("prism", baseUrl, "Bearer pat-123", null));

        assertThat(bearer.currentUser()).isNotNull();

        assertNoViolationsSince(logBefore);
    }

    /** The guard works: Prism refuses what CVAT would refuse, so the tests above would see a broken request. */
    @Test
    void prismRefusesRequestsThatBreakTheSchema() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> badStage = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/jobs/11"))
                .header("Authorization", "Token key").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"assignee\":4,\"stage\":\"review\",\"state\":\"new\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> pageSizeAll = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/jobs?task_id=7&page_size=all"))
                .header("Authorization", "Token key").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/self"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(badStage.statusCode()).isEqualTo(422);
        assertThat(badStage.body()).contains("stage");
        assertThat(pageSizeAll.statusCode()).isEqualTo(422);
        assertThat(pageSizeAll.body()).contains("page_size");
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    private static void assertNoViolationsSince(int line) {
        List<String> lines = logLines();
        assertThat(lines.subList(Math.min(line, lines.size()), lines.size()))
                .as("Prism's validation log")
                .noneMatch(l -> l.contains("did not pass the validation rules") || l.contains("Violation")
                        || l.contains("✖"));
    }

    private static List<String> logLines() {
        try {
            return Files.readAllLines(prismLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void installPrism() throws IOException, InterruptedException {
        if (Files.isExecutable(PRISM)) {
            return;
        }
        Files.createDirectories(PRISM_HOME);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix",
                    PRISM_HOME.toAbsolutePath().toString(), "@stoplight/prism-cli@5")
                    .redirectErrorStream(true).redirectOutput(PRISM_HOME.resolve("npm-install.log").toFile()).start();
        } catch (IOException e) {
            assumeTrue(false, "npm is not installed: " + e.getMessage());
            return;
        }
        boolean done = npm.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            npm.destroyForcibly();
        }
        assumeTrue(done && npm.exitValue() == 0 && Files.isExecutable(PRISM),
                "could not install @stoplight/prism-cli from npm, see target/prism/npm-install.log");
    }

    private static void awaitPrism() throws InterruptedException, IOException, URISyntaxException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!prism.isAlive()) {
                throw new IllegalStateException("Prism exited: " + String.join("\n", logLines()));
            }
            try {
                http.send(HttpRequest.newBuilder(new URI(baseUrl + "/api/server/about")).build(),
                        HttpResponse.BodyHandlers.discarding());
                awaitQuietLog();
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Prism did not start within 90 s: " + String.join("\n", logLines()));
    }

    /**
     * Prism logs a request (and what it finds wrong with it, e.g. the readiness probe's missing token) after
     * answering it: the tests only read lines written after they start, so the probe's lines must be written by
     * then. Waits until the log has not grown for half a second (at most 10 s).
     */
    private static void awaitQuietLog() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        int lines = logLines().size();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            int now = logLines().size();
            if (now == lines) {
                return;
            }
            lines = now;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
