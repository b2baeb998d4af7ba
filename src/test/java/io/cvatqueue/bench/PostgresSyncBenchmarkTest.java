package io.cvatqueue.bench;

import io.cvatqueue.PostgresTestSchema;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.fault.CvatStandIn;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first sync of 1,000 jobs on the local PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its
 * own that is dropped afterwards, next to the engine floor, both measured as on H2 ({@link QueueBenchmarkTest}):
 * one unreported round of each warms up the code, then three passes of a floor round and an app round
 * ({@link SyncAgainstFloor}), each app round the first sync of 1,000 jobs the app has never seen. PostgreSQL waits for the write-ahead log to reach the disk at every commit. Skipped when no
 * PostgreSQL answers.
 */
@Tag("bench")
@SpringBootTest(properties = "app.cvat.page-size=500")
@ActiveProfiles({"test", "postgres"})
@EnabledIf("postgresAvailable")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresSyncBenchmarkTest {

    private static String schema;
    private static final int TASKS = 10;
    private static final int JOBS_PER_TASK = 100;
    private static final int LATENCY_MS = 20;
    /** Stand-in task ids 1-10 warm up, 11-20, 21-30 and 31-40 are the measured rounds. */
    private static final int ROUNDS = 4;

    private static CvatStandIn cvat;
    private static CvatStandIn.User owner;

    @Autowired
    SyncService sync;
    @Autowired
    TrackedTaskRepository trackedTasks;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    PlatformTransactionManager transactions;

    static boolean postgresAvailable() {
        return PostgresTestSchema.available();
    }

    @DynamicPropertySource
    static void ownSchemaAndStandIn(DynamicPropertyRegistry registry) throws SQLException {
        schema = PostgresTestSchema.createFor(registry, "cqm_bench_");
        cvat = CvatStandIn.start("bench-pg", 1, 1);
        owner = cvat.addUser("owner", "bench-token");
        CvatStandIn.User anna = cvat.addUser("anna", "anna-token");
        for (int task = 1; task <= ROUNDS * TASKS; task++) {
            long taskId = cvat.addTask("Task " + task, JOBS_PER_TASK);
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
    void firstSyncOnPostgres() {
        assertThat(jdbc.queryForObject("select current_schema()", String.class)).isEqualTo(schema);
        CvatInstance instance = instances.save(CvatInstance.create("bench-pg", cvat.baseUrl(),
                cipher.encrypt(owner.authorization()), Instant.now()));
        EngineFloor floor = new EngineFloor(engine, transactions);
        FirstSyncRound rounds = new FirstSyncRound(sync, trackedTasks, instance.id());
        floor.seconds(instance.id(), 1000, 250);
        rounds.seconds(1, TASKS, TASKS * JOBS_PER_TASK);
        int requests = cvat.requestCount();
        SyncAgainstFloor.Figures firstSync = SyncAgainstFloor.measure(ROUNDS - 1, new int[] {250},
                batch -> floor.seconds(instance.id(), 1000, batch),
                pass -> rounds.seconds((pass + 1) * TASKS + 1, (pass + 2) * TASKS, TASKS * JOBS_PER_TASK));
        int requestsPerRound = (cvat.requestCount() - requests) / (ROUNDS - 1);
        BenchReport.row("**PostgreSQL: first sync of 1000 completed jobs in 10 tasks, " + LATENCY_MS
                + " ms CVAT latency**", String.format(Locale.ROOT, "**%.2f s** = %.2f x the engine floor of %.2f s "
                        + "(250 starts per transaction; the best of %d rounds, measured in turn with the app's) and "
                        + "the best of the app's rounds (%s); %d CVAT requests per round (minimum: %d)",
                firstSync.app(), firstSync.ratio(), firstSync.floor(), ROUNDS - 1, firstSync.appRoundList(),
                requestsPerRound, TASKS));
    }
}
