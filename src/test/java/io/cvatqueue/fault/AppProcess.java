package io.cvatqueue.fault;

import io.cvatqueue.PackagedJar;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged jar as operators run it: a child JVM on H2 in its own DATA_DIR, no demo profile, listening on a
 * free loopback port that stays the same across restarts. It can be killed like {@code kill -9}
 * ({@link #kill()}) and started again on the same data.
 */
final class AppProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final int port;
    private final String secretKey;
    private final List<String> arguments;
    private List<String> launch;
    private Process process;
    private int starts;

    /**
     * @param home      holds {@code data/} (DATA_DIR), {@code backups/} and {@code app.log}
     * @param arguments extra Spring arguments ({@code --name=value})
     */
    AppProcess(Path home, String secretKey, List<String> arguments) throws IOException {
        this.home = Files.createDirectories(home.toAbsolutePath());
        this.port = freePort();
        this.secretKey = secretKey;
        this.arguments = List.copyOf(arguments);
    }

    /**
     * Starts the app from now on with these JVM options and jar instead of {@code -Xmx512m -jar target/<jar>}, e.g.
     * with a class data sharing archive.
     */
    void launchWith(List<String> jvmOptionsAndJar) {
        this.launch = List.copyOf(jvmOptionsAndJar);
    }

    Path dataDir() {
        return home.resolve("data");
    }

    Path log() {
        return home.resolve("app.log");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the jar and waits until it answers HTTP. */
    Duration start() throws IOException, InterruptedException {
        if (isAlive()) {
            throw new IllegalStateException("the app is running already");
        }
        starts++;
        Files.writeString(log(), "%n===== start %d at %s =====%n".formatted(starts, Instant.now()),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(launch != null ? launch : List.of("-Xmx512m", "-jar", PackagedJar.file().getAbsolutePath()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        builder.environment().remove("PORT");
        builder.environment().put("BIND", "127.0.0.1:" + port);
        builder.environment().put("DATA_DIR", dataDir().toString());
        builder.environment().put("BACKUP_DIR", home.resolve("backups").toString());
        builder.environment().put("BACKUP_SCHEDULE", "-");
        builder.environment().put("APP_SECRET_KEY", secretKey);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Instant began = Instant.now();
        process = builder.start();
        waitUntilServing();
        return Duration.between(began, Instant.now());
    }

    /** {@code kill -9}: no shutdown hook, no flush, no close. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** A normal shutdown (SIGTERM): Spring closes the engine and the database. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    private void waitUntilServing() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited during start (exit " + process.exitValue() + "); see "
                        + log());
            }
            try {
                // any answer of the actuator means the web server and the context are up
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200 || health.statusCode() == 503) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the app did not start within 3 minutes; see " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
