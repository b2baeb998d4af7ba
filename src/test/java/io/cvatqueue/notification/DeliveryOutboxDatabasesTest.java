package io.cvatqueue.notification;

import io.cvatqueue.PostgresTestSchema;
import io.cvatqueue.config.DataDirectories;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.cvat.migration.V11__EncryptWebhookSecrets;
import io.cvatqueue.queue.AppSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's SQL on H2 and on the local PostgreSQL (in a schema of its own, dropped afterwards; skipped without
 * PostgreSQL unless REQUIRE_POSTGRES=1): two senders racing for the same rows claim each row once, failed attempts
 * are scheduled or failed for good, and digests bundle each held row once.
 */
class DeliveryOutboxDatabasesTest {


    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void twoSendersClaimEachRowOnceAndDigestsBundleEachHeldRowOnce(String database) throws Exception {
        DeliveryOutbox outbox = outbox(database);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 40; i++) {
            outbox.enqueueWebhook(1, NotificationKind.JOB_DELETED, "Job " + i + " ended", now);
        }

        List<Delivery> due = outbox.due(now, 100);
        assertThat(due).hasSize(40);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> claimed = new ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(2);
            for (int node = 0; node < 2; node++) {
                claimed.add(nodes.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (Delivery delivery : due) {
                        mine += outbox.claim(delivery, now, now.plusSeconds(300)) ? 1 : 0;
                    }
                    return mine;
                }));
            }
            assertThat(claimed.get(0).get() + claimed.get(1).get()).isEqualTo(40);
        } finally {
            nodes.shutdownNow();
        }

        outbox.attemptFailed(due.get(0).id(), "HTTP 503", now.plusSeconds(60));
        outbox.attemptFailed(due.get(1).id(), "HTTP 404", null);
        outbox.sent(due.get(2).id(), now);
        assertThat(outbox.find(due.get(0).id()).orElseThrow()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
            assertThat(d.nextAttemptAt()).isEqualTo(now.plusSeconds(60));
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(outbox.find(due.get(1).id()).orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(outbox.list(List.of(Delivery.Status.FAILED, Delivery.Status.PENDING), 10))
                .extracting(Delivery::id).containsExactly(due.get(1).id(), due.get(0).id());
        assertThat(outbox.retryAllFailed(now)).isEqualTo(1);

        outbox.enqueueEmail("rita", NotificationKind.REVIEW_ASSIGNED, "Job 1 is assigned to you", true, now);
        outbox.enqueueEmail("rita", NotificationKind.JOB_RETURNED, "Job 2 is back", true, now);
        outbox.enqueueEmail("ravi", NotificationKind.JOB_RETURNED, "Job 3 is back", true, now);
        assertThat(outbox.bundleDigests(now.plusSeconds(1)) + outbox.bundleDigests(now.plusSeconds(1))).isEqualTo(2);
        Delivery ritasDigest = outbox.list(List.of(Delivery.Status.PENDING), 100).stream()
                .filter(d -> d.channel() == Delivery.Channel.DIGEST && "rita".equals(d.recipient())).findFirst()
                .orElseThrow();
        assertThat(ritasDigest.message()).isEqualTo("Daily digest of 2 notifications");
        assertThat(outbox.digestItems(ritasDigest.id())).extracting(Delivery::message)
                .containsExactly("Job 1 is assigned to you", "Job 2 is back");
    }

    private DeliveryOutbox outbox(String database) throws SQLException {
        DataSource dataSource = database.equals("h2") ? AppSchema.migratedInMemory(dataDir) : postgres();
        return new DeliveryOutbox(new NamedParameterJdbcTemplate(dataSource),
                new DataSourceTransactionManager(dataSource));
    }

    private DataSource postgres() throws SQLException {
        Assumptions.assumeTrue(PostgresTestSchema.available(), "No PostgreSQL at " + PostgresTestSchema.SERVER_URL);
        String schema = PostgresTestSchema.create("cqm_outbox_");
        DataSource dataSource = new DriverManagerDataSource(PostgresTestSchema.SERVER_URL + "?currentSchema=" + schema,
                PostgresTestSchema.USER, "");
        TokenCipher cipher = new TokenCipher("unit-test-secret", new DataDirectories(dataDir.toString(),
                dataDir.toString()));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("app_schema_history")
                .javaMigrations(new V11__EncryptWebhookSecrets(cipher)).load().migrate();
        return dataSource;
    }
}
