package io.cvatqueue.queue;

import io.cvatqueue.PostgresTestSchema;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.settings.Priority;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keyset paging of the queue: following the cursors page by page lists exactly what one long page lists, in every
 * resumable order, also where many reviews tie on the sort columns; on H2 and on PostgreSQL.
 */
class QueueCursorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    /** One schema for the whole class, dropped when the JVM ends. */
    private static String pgSchema;

    @TempDir
    Path dataDir;

    private static final List<List<QueueSort>> RESUMABLE_ORDERS = List.of(
            List.of(),
            List.of(QueueSort.OLDEST_FIRST),
            List.of(new QueueSort("updatedAt", true)),
            List.of(new QueueSort("cvatJobId", true)),
            List.of(new QueueSort("priority", false), new QueueSort("queuedAt", true)),
            List.of(new QueueSort("status", false), new QueueSort("rejectionCount", true)),
            List.of(new QueueSort("cvatTaskId", false)),
            // a sort by priority alone continues in QueueSort.effective's order: among equals the oldest first
            List.of(new QueueSort("priority", true)));

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void followingTheCursorsListsEveryEntryOnceInOrder(String database) throws SQLException {
        DataSource dataSource = database.equals("H2") ? AppSchema.migratedInMemory(dataDir) : postgres(dataDir);
        QueueService queue = new QueueService(new NamedParameterJdbcTemplate(dataSource));
        long instanceId = queueWithManyTies(new JdbcTemplate(dataSource));
        QueueFilter open = QueueFilter.openReviews(instanceId);

        for (List<QueueSort> order : RESUMABLE_ORDERS) {
            List<Long> inOnePage = queue.page(open, 0, 1000, order).stream().map(QueueEntry::reviewId).toList();
            List<Long> byCursor = new ArrayList<>();
            List<QueueEntry> page = queue.page(open, 0, 7, order);
            while (!page.isEmpty()) {
                page.forEach(e -> byCursor.add(e.reviewId()));
                page = queue.pageAfter(open, queue.cursorAfter(page.get(page.size() - 1), order).orElseThrow(), 7,
                        order);
            }
            assertThat(byCursor).as("pages of 7 by cursor, sorted by %s", order).isEqualTo(inOnePage);
            assertThat(inOnePage).hasSize(120);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"H2"})
    void aCursorOnlyResumesTheOrderThatGaveIt(String database) {
        QueueService queue = new QueueService(new NamedParameterJdbcTemplate(AppSchema.migratedInMemory(dataDir)));
        QueueEntry entry = new QueueEntry(1, 2, "t", 3, ReviewStatus.QUEUED, null, null, 0, false, T0, T0,
                Priority.NORMAL, null);
        String byAge = QueueCursor.after(entry, List.of(QueueSort.OLDEST_FIRST));
        QueueFilter open = QueueFilter.openReviews(1);

        assertThatThrownBy(() -> queue.pageAfter(open, byAge, 10, List.of(new QueueSort("cvatJobId", false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another sort order");
        assertThatThrownBy(() -> queue.pageAfter(open, "not-a-cursor!", 10, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cursor");
        assertThatThrownBy(() -> queue.pageAfter(open, byAge, 10, List.of(new QueueSort("reviewer", false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only when sorted by");
    }

    /** 120 open reviews over 4 priorities, 5 queue times, 3 statuses and 4 rejection counts: ties everywhere. */
    private static long queueWithManyTies(JdbcTemplate jdbc) {
        jdbc.update("insert into cvat_instance (name, base_url, created_at) values ('cvat', 'http://cvat', ?)",
                Timestamp.from(T0));
        long instanceId = jdbc.queryForObject("select max(id) from cvat_instance", Long.class);
        Random random = new Random(42);
        ReviewStatus[] statuses = {ReviewStatus.QUEUED, ReviewStatus.ASSIGNED, ReviewStatus.IN_REVIEW};
        for (int job = 1; job <= 120; job++) {
            Timestamp queuedAt = Timestamp.from(T0.plusSeconds(60L * random.nextInt(5)));
            Timestamp updatedAt = Timestamp.from(T0.plusSeconds(random.nextInt(3)));
            ReviewStatus status = statuses[random.nextInt(statuses.length)];
            jdbc.update("insert into review (instance_id, cvat_task_id, cvat_job_id, open_key, status, reviewer, "
                            + "queued_at, updated_at, priority, rejection_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    instanceId, 1 + random.nextInt(3), job, instanceId + ":" + job, status.name(),
                    status == ReviewStatus.QUEUED ? null : "rita", queuedAt, updatedAt,
                    Priority.values()[random.nextInt(Priority.values().length)].rank(), random.nextInt(4));
        }
        return instanceId;
    }

    private static DataSource postgres(Path dataDir) throws SQLException {
        assumeTrue(PostgresTestSchema.available(), "no PostgreSQL at " + PostgresTestSchema.SERVER_URL);
        if (pgSchema == null) {
            pgSchema = PostgresTestSchema.create("cqm_cursor_");
        }
        return AppSchema.migrated(new DriverManagerDataSource(PostgresTestSchema.SERVER_URL + "?currentSchema="
                + pgSchema, PostgresTestSchema.USER, ""), dataDir);
    }
}
