package io.cvatqueue.bench;

import io.cvatqueue.backup.H2FileCompaction;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.fault.CvatStandIn;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.security.ApiTokenService;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.sync.SyncResult;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Performance figures of the queue manager next to their floors (run with {@code ./mvnw -Pbench verify}; prints a
 * table and writes target/benchmark.md). Not a pass/fail timing test: it asserts only correctness (counts), the
 * times are for people to read.
 * <p>
 * The database is an H2 file with the production URL settings (WRITE_DELAY=0, query cache), CVAT is
 * {@link CvatStandIn} over real HTTP, answering every request after {@value #LATENCY_MS} ms.
 */
@Tag("bench")
@SpringBootTest(properties = {"app.cvat.page-size=500", "app.data-dir=target/bench-data",
        // the production URL (application.yml) on a file of its own
        "spring.datasource.url=jdbc:h2:file:./target/bench-data/queue;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=512"})
@ActiveProfiles("test")
class QueueBenchmarkTest {

    private static final int TASKS = 10;
    private static final int JOBS_PER_TASK = 100;
    private static final int BIG_JOBS_PER_TASK = 1000;
    private static final int LATENCY_MS = 20;
    private static final int PAGE_SIZE = 500;
    /** Passes of {@link SyncAgainstFloor}: each has a floor round per batch size and as many app rounds. */
    private static final int PASSES = 3;
    private static final int[] FLOOR_BATCHES = {100, 250, 500};
    /**
     * Stand-in task ids: 1-10 of 100 jobs, 11-20 of 1,000 jobs, 21-30 for the warm-up, then a set of ten tasks of
     * 100 jobs for each measured round after the first.
     */
    private static final int FIRST_TASKS = 1;
    private static final int WARM_UP_TASKS = 2 * TASKS + 1;
    private static final int SYNC_ROUNDS = PASSES * FLOOR_BATCHES.length;
    private static final int ALL_TASKS = (3 + SYNC_ROUNDS - 1) * TASKS;
    private static final Path DATA = Path.of("target", "bench-data");

    private static CvatStandIn cvat;
    private static CvatStandIn.User owner;

    @Autowired
    SyncService sync;
    @Autowired
    QueueService queue;
    @Autowired
    TrackedTaskRepository trackedTasks;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiTokenService apiTokens;
    @Autowired
    H2FileCompaction compaction;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    PlatformTransactionManager transactions;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    @BeforeAll
    static void standInWithLatency() throws IOException {
        FileSystemUtils.deleteRecursively(DATA);
        cvat = CvatStandIn.start("bench", 1, 1);
        owner = cvat.addUser("owner", "bench-token");
        CvatStandIn.User anna = cvat.addUser("anna", "anna-token");
        for (int task = 1; task <= ALL_TASKS; task++) {
            long taskId = cvat.addTask("Task " + task, task > TASKS && task <= 2 * TASKS ? BIG_JOBS_PER_TASK
                    : JOBS_PER_TASK);
            cvat.jobIds(taskId).forEach(job -> cvat.completeAnnotation(job, anna.id()));
        }
        cvat.latency(Duration.ofMillis(LATENCY_MS));
    }

    @AfterAll
    static void writeReport() throws IOException {
        cvat.close();
        BenchReport.write();
    }

    @Test
    void syncAndQueueFigures() throws Exception {
        assertThat(databaseUrl).contains("WRITE_DELAY=0");
        CvatInstance instance = instances.save(CvatInstance.create("bench", cvat.baseUrl(),
                cipher.encrypt(owner.authorization()), Instant.now()));
        FirstSyncRound rounds = new FirstSyncRound(sync, trackedTasks, instance.id());
        row("Set-up", String.format(Locale.ROOT, "H2 file, %d cores, max heap %d MB, Camunda history level %s",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                engine.getHistoryLevel().getName()));

        // one unreported round of each warms up the JIT: the engine's code, which the floor and the app share, and
        // the app's own (a running app syncs every few minutes)
        floor().seconds(instance.id(), 1000, 100);
        rounds.seconds(WARM_UP_TASKS, WARM_UP_TASKS + TASKS - 1, TASKS * JOBS_PER_TASK);
        int[] firstRequests = new int[1];
        Map<String, Long> written = new LinkedHashMap<>();
        SyncAgainstFloor.Figures firstSync = SyncAgainstFloor.measure(PASSES, FLOOR_BATCHES,
                batch -> floor().seconds(instance.id(), 1000, batch), round -> {
                    if (round > 0) {
                        int first = measuredTasks(round);
                        return rounds.seconds(first, first + TASKS - 1, TASKS * JOBS_PER_TASK);
                    }
                    // the first measured round also counts the rows and CVAT requests it takes (the floor's
                    // processes before it are deleted again, and the floor reads nothing from CVAT)
                    Map<String, Long> before = rowCounts();
                    int requests = cvat.requestCount();
                    double seconds = rounds.seconds(measuredTasks(0), measuredTasks(0) + TASKS - 1,
                            TASKS * JOBS_PER_TASK);
                    firstRequests[0] = cvat.requestCount() - requests;
                    written.putAll(difference(before, rowCounts()));
                    return seconds;
                });
        row("Engine floor: start 1000 job-review instances with the app's start variables, no app logic; "
                + "N starts per transaction and engine command (the best of " + PASSES
                + " rounds each, measured in turn with the app's rounds)", firstSync.floorsByBatch());
        row("**First sync: 1000 completed jobs in 10 tasks, " + LATENCY_MS + " ms CVAT latency**",
                String.format(Locale.ROOT, "**%.2f s** = %.2f x the engine floor of %.2f s (the best of the app's "
                                + "%d rounds: %s); %d CVAT requests (minimum: %d; network floor %.2f s)", firstSync.app(),
                        firstSync.ratio(), firstSync.floor(), SYNC_ROUNDS, firstSync.appRoundList(), firstRequests[0],
                        TASKS, TASKS * LATENCY_MS / 1000.0));
        long rows = written.values().stream().mapToLong(Long::longValue).sum();
        row("**Rows written per new review**", String.format(Locale.ROOT, "**%.1f**: %s",
                rows / (double) (TASKS * JOBS_PER_TASK), perReview(written, TASKS * JOBS_PER_TASK)));

        rounds.track(FIRST_TASKS, FIRST_TASKS + TASKS - 1);
        int requestsBefore = cvat.requestCount();
        long start = System.nanoTime();
        SyncResult second = sync.syncAll("bench");
        double secondSeconds = seconds(start);
        assertThat(second.queued()).isZero();
        row("Second sync, nothing new", String.format(Locale.ROOT, "%.2f s, %d CVAT requests (minimum: %d)",
                secondSeconds, cvat.requestCount() - requestsBefore, TASKS));

        trackedTasks.deleteAll(trackedTasks.findAll());
        rounds.track(TASKS + 1, 2 * TASKS);
        requestsBefore = cvat.requestCount();
        start = System.nanoTime();
        SyncResult big = sync.syncAll("bench");
        double bigSeconds = seconds(start);
        assertThat(big.queued()).isEqualTo(TASKS * BIG_JOBS_PER_TASK);
        row("**First sync: 10000 completed jobs in 10 tasks**", String.format(Locale.ROOT,
                "**%.2f s**; %d CVAT requests (minimum: %d pages of %d)", bigSeconds,
                cvat.requestCount() - requestsBefore, TASKS * BIG_JOBS_PER_TASK / PAGE_SIZE, PAGE_SIZE));

        rounds.track(1, TASKS);
        int reviews = jdbc.queryForObject("select count(*) from review", Integer.class);
        long fileBytes = Files.size(DATA.resolve("queue.mv.db"));
        H2FileCompaction.Outcome compacted = compaction.compact();
        row("**H2 file after the floors and syncs, " + reviews + " reviews**", String.format(Locale.ROOT,
                "**%.2f MB per 1000 after compacting while running** (%.1f MB to %.1f MB in %d ms, as the nightly "
                        + "compaction does); before: %.1f MB per 1000 (with what the floors' 10,000 started and deleted processes left)",
                compacted.bytesAfter() / 1e6 / reviews * 1000, fileBytes / 1e6, compacted.bytesAfter() / 1e6,
                compacted.millis(), fileBytes / 1e6 / reviews * 1000));

        bearerTokenFigure(instance.id());

        QueuePageFigures pages = new QueuePageFigures(queue, jdbc, 2 * TASKS);
        QueueFilter open = QueueFilter.openReviews(instance.id());
        int openNow = queue.count(open);
        pages.measure(open, openNow);
        pages.insertOpenReviews(instance.id(), 100_000 - openNow);
        pages.measure(open, queue.count(open));
    }

    /**
     * What a {@code Bearer} token adds to a REST request: {@code ApiTokenAuthenticationFilter} has
     * {@link ApiTokenService#authenticate} check the token (hash, token row, account row) on every request.
     */
    private void bearerTokenFigure(long instanceId) throws Exception {
        jdbc.update("insert into app_user (username, password_hash, role, instance_id, cvat_token_enc, created_at) "
                + "values ('bench-admin', 'x', 'ADMIN', ?, 'x', current_timestamp)", instanceId);
        String token = "cqm_bench-token";
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        jdbc.update("insert into api_token (user_id, name, token_hash, created_at) select id, 'bench', ?, "
                + "current_timestamp from app_user where username = 'bench-admin'", hash);
        for (int i = 0; i < 200; i++) {
            assertThat(apiTokens.authenticate(token)).isPresent();
        }
        double[] millis = new double[1000];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            apiTokens.authenticate(token);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        row("**Bearer token check per REST request**", String.format(Locale.ROOT,
                "**p50 %.2f ms, p95 %.2f ms** (1000 checks; no cache: revocations and role changes apply at once)",
                millis[500], millis[950]));
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : jdbc.queryForList("select table_name from information_schema.tables "
                + "where table_schema = 'PUBLIC' and table_type = 'BASE TABLE' order by table_name", String.class)) {
            counts.put(table, jdbc.queryForObject("select count(*) from \"" + table + "\"", Long.class));
        }
        return counts;
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> written = new LinkedHashMap<>();
        after.forEach((table, n) -> {
            long added = n - before.getOrDefault(table, 0L);
            if (added != 0) {
                written.put(table, added);
            }
        });
        return written;
    }

    private static String perReview(Map<String, Long> written, int reviews) {
        List<String> parts = new ArrayList<>();
        written.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.1f", e.getKey().toLowerCase(Locale.ROOT),
                        e.getValue() / (double) reviews)));
        return String.join(", ", parts);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void row(String measure, String value) {
        BenchReport.row(measure, value);
    }

    private EngineFloor floor() {
        return new EngineFloor(engine, transactions);
    }

    /** The first of the ten stand-in tasks that measured round {@code round} syncs for the first time. */
    private static int measuredTasks(int round) {
        return round == 0 ? FIRST_TASKS : (2 + round) * TASKS + 1;
    }
}
