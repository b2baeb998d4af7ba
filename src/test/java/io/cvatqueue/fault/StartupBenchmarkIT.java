package io.cvatqueue.fault;

import io.cvatqueue.PackagedJar;
import io.cvatqueue.bench.BenchReport;
import io.cvatqueue.config.DataDirectories;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.fault.CvatStandIn.User;
import io.cvatqueue.ops.DockerEntrypoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up and file size of the packaged jar as operators run it (child JVM, {@code -Xmx512m}, H2 file), with
 * 10,000 reviews stored: part of {@code ./mvnw -Pbench verify} (failsafe runs it after packaging), adding its rows
 * to target/benchmark.md. Times are for people to read; only correctness is asserted.
 */
@Tag("bench")
class StartupBenchmarkIT {

    private static final int TASKS = 10;
    private static final int JOBS_PER_TASK = 1000;
    private static final String PASSWORD = "startup-bench-password";
    private static final String SECRET = "startup-bench-secret";

    @Test
    void startUpWithTenThousandReviewsStored() throws Exception {
        Path home = Path.of("target", "startup-bench").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(home);
        try (CvatStandIn cvat = CvatStandIn.start("startup", 1, 1)) {
            User owner = cvat.addUser("qm-owner", "owner-key");
            User anna = cvat.addUser("anna", "anna-key");
            List<Long> tasks = new ArrayList<>();
            for (int i = 1; i <= TASKS; i++) {
                long task = cvat.addTask("Task " + i, JOBS_PER_TASK);
                cvat.jobIds(task).forEach(job -> cvat.completeAnnotation(job, anna.id()));
                tasks.add(task);
            }
            AppProcess app = new AppProcess(home, SECRET, List.of());
            try {
                measure(app, home, cvat, owner, tasks);
            } finally {
                app.stop(); // also when a check failed: a running app would hold the file of the next run
            }
        }
    }

    private static void measure(AppProcess app, Path home, CvatStandIn cvat, User owner, List<Long> tasks)
            throws Exception {
        AppApi api = new AppApi(app.baseUrl(), PASSWORD);
        Duration empty = app.start();
        app.stop();
        long instance;
        TokenCipher cipher = new TokenCipher(SECRET, new DataDirectories(home.resolve("keys").toString(),
                home.resolve("keys").toString()));
        try (AppDatabase db = AppDatabase.forSeeding(app.dataDir())) {
            instance = db.addInstance("startup", cvat.baseUrl(), cipher.encrypt(owner.authorization()), null);
            db.addUser("admin", new BCryptPasswordEncoder(4).encode(PASSWORD), "ADMIN", instance, owner.id(),
                    owner.username(), cipher.encrypt(owner.authorization()));
            for (long task : tasks) {
                db.track(instance, task, "Task " + task);
            }
        }
        app.start();
        for (long task : tasks) {
            AppApi.Answer synced = api.sync(instance, task);
            assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        }
        assertThat(api.get("admin", "/api/v1/queue?size=1").json().path("totalElements").asLong())
                .isEqualTo(TASKS * JOBS_PER_TASK);
        Path file = app.dataDir().resolve("queue.mv.db");
        long running = Files.size(file);
        // what the nightly compaction (or Admin > Backups > Compact now) does to the file while the app runs
        AppApi.Answer compacted = api.post("admin", "/api/v1/admin/database/compaction", "");
        assertThat(compacted.status()).as(compacted.toString()).isEqualTo(200);
        long compactedRunning = Files.size(file);
        long compactionMillis = compacted.json().path("millis").asLong();
        assertThat(api.get("admin", "/api/v1/queue?size=1").json().path("totalElements").asLong())
                .isEqualTo(TASKS * JOBS_PER_TASK);
        app.stop(); // H2 compacts the file when it closes
        long stopped = Files.size(file);
        Duration stored = app.start(); // compacts the file first if most of it is garbage
        app.stop();
        long restarted = Files.size(file);
        Duration again = app.start();
        app.stop();
        List<String> jit = DockerEntrypoint.jitOptions(); // the image's, so the figures are the image's
        app.launchWith(concat(jit, List.of("-Xmx512m", "-jar", PackagedJar.file().getAbsolutePath())));
        Duration plainJit = app.start();
        app.stop();
        Duration plainJitAgain = app.start();
        app.stop();
        List<String> cdsLaunch = classDataSharing(home.resolve("cds"));
        app.launchWith(cdsLaunch);
        Duration cds = app.start();
        app.stop();
        Duration cdsAgain = app.start();
        app.stop();
        app.launchWith(concat(jit, cdsLaunch));
        Duration docker = app.start();
        app.stop();
        Duration dockerAgain = app.start();
        app.stop();

        int reviews = TASKS * JOBS_PER_TASK;
        BenchReport.row("**Start-up of the packaged jar (-Xmx512m, " + Runtime.getRuntime().availableProcessors()
                + " cores), " + reviews + " reviews stored**", String.format(Locale.ROOT,
                "**%.1f s** (this start compacts the file first) and %.1f s (two starts, until /actuator/health "
                        + "answers; JVM start included); empty database (creates the schema): %.1f s", seconds(stored), seconds(again),
                seconds(empty)));
        BenchReport.row("The same with the Docker image's JIT options (" + String.join(" ", jit) + ")",
                String.format(Locale.ROOT, "%.1f s and %.1f s", seconds(plainJit), seconds(plainJitAgain)));
        BenchReport.row("The same with a class data sharing archive", String.format(
                Locale.ROOT, "%.1f s and %.1f s", seconds(cds), seconds(cdsAgain)));
        BenchReport.row("**As the Docker image runs it: the archive and its JIT options**",
                String.format(Locale.ROOT, "**%.1f s** and %.1f s", seconds(docker), seconds(dockerAgain)));
        BenchReport.row("**H2 file with " + reviews + " reviews**", String.format(Locale.ROOT,
                "**%.1f MB per 1000 reviews after compacting while running** (%.1f MB to %.1f MB in %d ms, "
                        + "POST /api/v1/admin/database/compaction, as the nightly compaction does); "
                        + "%.1f MB per 1000 after a restart (compacted at start); %.1f MB per 1000 before "
                        + "compacting, %.1f MB per 1000 after a normal stop",
                compactedRunning / 1e6 / reviews * 1000, running / 1e6, compactedRunning / 1e6, compactionMillis,
                restarted / 1e6 / reviews * 1000, running / 1e6 / reviews * 1000,
                stopped / 1e6 / reviews * 1000));
        BenchReport.append();
    }

    /**
     * Records which classes the jar's start loads (Spring's training run: the context exits once refreshed), as the
     * Dockerfile does; the returned options start the app with that archive.
     */
    private static List<String> classDataSharing(Path dir) throws Exception {
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = PackagedJar.file().getAbsolutePath();
        Path archive = dir.resolve("app.jsa");
        run(dir, java, "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                "-DDATA_DIR=" + dir.resolve("training-data"), "-DBACKUP_DIR=" + dir.resolve("training-backups"),
                "-jar", jar);
        assertThat(archive).exists();
        return List.of("-Xmx512m", "-XX:SharedArchiveFile=" + archive, "-jar", jar);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("steps.log").toFile())).start();
        assertThat(process.waitFor()).as(String.join(" ", command) + "; see " + dir.resolve("steps.log")).isZero();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
