package io.cvatqueue.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.cvat.CvatModel;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.queue.QueueSort;
import io.cvatqueue.review.ReviewIntake;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.sync.SyncResult;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Performance figures of the queue manager (run with {@code ./mvnw -Pbench verify}; prints a table and writes
 * target/benchmark.md). Not a pass/fail timing test: it asserts only correctness (counts), the times are for
 * people to read.
 */
@Tag("bench")
@SpringBootTest(properties = "app.cvat.page-size=500")
@ActiveProfiles("test")
class QueueBenchmarkTest {

    private static final int TASKS = 10;
    private static final int JOBS_PER_TASK = 100;
    private static final int LATENCY_MS = 20;
    private static final int OPEN_REVIEWS = 10_000;

    private static WireMockServer cvat;
    private static final List<String> report = new ArrayList<>();

    @Autowired
    SyncService sync;
    @Autowired
    ReviewIntake reviews;
    @Autowired
    QueueService queue;
    @Autowired
    TrackedTaskRepository trackedTasks;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void fakeCvatWithLatency() {
        cvat = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        cvat.start();
        for (int task = 1; task <= TASKS; task++) {
            StringBuilder results = new StringBuilder();
            for (int j = 0; j < JOBS_PER_TASK; j++) {
                long jobId = task * 1000L + j;
                if (j > 0) {
                    results.append(',');
                }
                results.append("""
                        {"id":%d,"task_id":%d,"project_id":1,"stage":"annotation","state":"completed",
                         "assignee":{"id":5,"username":"anna"},"type":"annotation","frame_count":10,
                         "start_frame":0,"stop_frame":9,"updated_date":"2026-11-01T10:00:00Z"}"""
                        .formatted(jobId, task));
            }
            cvat.stubFor(get(urlPathEqualTo("/api/jobs")).withQueryParam("task_id", equalTo(String.valueOf(task)))
                    .willReturn(aResponse().withFixedDelay(LATENCY_MS)
                            .withHeader("Content-Type", "application/vnd.cvat+json")
                            .withBody("{\"count\":" + JOBS_PER_TASK + ",\"next\":null,\"previous\":null,\"results\":["
                                    + results + "]}")));
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        cvat.stop();
        String table = String.join("\n", report);
        System.out.println("\n===== CVAT Queue Manager benchmark =====\n" + table + "\n");
        Path out = Path.of("target", "benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "| measure | value |\n|---|---|\n" + table + "\n");
    }

    @Test
    void syncAndQueueFigures() {
        CvatInstance instance = instances.save(CvatInstance.create("bench", "http://127.0.0.1:" + cvat.port(),
                cipher.encrypt("Token bench"), Instant.now()));
        for (int task = 1; task <= TASKS; task++) {
            trackedTasks.save(new TrackedTask(null, instance.id(), task, "Task " + task, 1L, "bench", Instant.now(),
                    null, null, null, true));
        }

        long before = cvatRequests();
        long start = System.nanoTime();
        SyncResult first = sync.syncAll("bench");
        double firstSeconds = seconds(start);
        long firstRequests = cvatRequests() - before;
        assertThat(first.queued()).isEqualTo(TASKS * JOBS_PER_TASK);
        row("First sync: " + TASKS * JOBS_PER_TASK + " completed jobs in " + TASKS + " tasks, " + LATENCY_MS
                + " ms CVAT latency", String.format(Locale.ROOT, "%.2f s, %d CVAT requests (minimum possible: %d)",
                firstSeconds, firstRequests, TASKS));

        before = cvatRequests();
        start = System.nanoTime();
        SyncResult second = sync.syncAll("bench");
        double secondSeconds = seconds(start);
        long secondRequests = cvatRequests() - before;
        assertThat(second.queued()).isZero();
        row("Second sync, nothing new", String.format(Locale.ROOT, "%.2f s, %d CVAT requests (minimum possible: %d)",
                secondSeconds, secondRequests, TASKS));

        int toCreate = OPEN_REVIEWS - first.queued();
        start = System.nanoTime();
        for (int i = 0; i < toCreate; i++) {
            long jobId = 1_000_000L + i;
            reviews.open(instance.id(), job(jobId, 1 + i % TASKS), "bench");
        }
        double createSeconds = seconds(start);
        double perReview = createSeconds / toCreate * 1000;
        row("Create reviews (process instance + read model each)", String.format(Locale.ROOT,
                "%d in %.1f s (%.2f ms each; 10,000 would take %.1f s)", toCreate, createSeconds, perReview,
                perReview * OPEN_REVIEWS / 1000));

        QueueFilter open = QueueFilter.openReviews(instance.id());
        assertThat(queue.count(open)).isEqualTo(OPEN_REVIEWS);
        double[] pageMillis = new double[30];
        for (int i = 0; i < pageMillis.length; i++) {
            long pageStart = System.nanoTime();
            int offset = (i * 997) % (OPEN_REVIEWS - 50);
            assertThat(queue.page(open, offset, 50, List.of(new QueueSort("queuedAt", true)))).hasSize(50);
            queue.count(open);
            pageMillis[i] = (System.nanoTime() - pageStart) / 1e6;
        }
        Arrays.sort(pageMillis);
        row("Queue page of 50 rows + count, " + OPEN_REVIEWS + " open reviews", String.format(Locale.ROOT,
                "median %.1f ms, max %.1f ms (30 pages at random offsets)", pageMillis[15], pageMillis[29]));

        double[] filteredMillis = new double[30];
        QueueFilter filtered = open.withTask(3L).withReviewer(QueueFilter.UNASSIGNED);
        for (int i = 0; i < filteredMillis.length; i++) {
            long pageStart = System.nanoTime();
            // varying offsets: H2 would otherwise answer a repeated identical query from its result cache
            queue.page(filtered, i * 13, 50, List.of(new QueueSort("cvatJobId", false)));
            queue.count(filtered);
            filteredMillis[i] = (System.nanoTime() - pageStart) / 1e6;
        }
        Arrays.sort(filteredMillis);
        row("Filtered page (task + unassigned) + count", String.format(Locale.ROOT, "median %.1f ms, max %.1f ms",
                filteredMillis[15], filteredMillis[29]));

        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        row("Heap used after the above (after GC)", usedMb + " MB (max heap " + runtime.maxMemory() / (1024 * 1024)
                + " MB)");
    }

    private static CvatModel.Job job(long jobId, long taskId) {
        return new CvatModel.Job(jobId, taskId, 1L, new CvatModel.BasicUser(5L, "anna", null, null),
                CvatModel.JobStage.ANNOTATION, CvatModel.JobState.COMPLETED, "annotation", 10, 0, 9,
                OffsetDateTime.now(), OffsetDateTime.now(), null, null, null);
    }

    private long cvatRequests() {
        return meters.find("cvat.client.requests").tag("instance", "bench").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void row(String measure, String value) {
        report.add("| " + measure + " | " + value + " |");
    }
}
