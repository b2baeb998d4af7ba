package io.cvatqueue.queue;

import io.cvatqueue.settings.Priority;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's order: the most urgent first, and among equally urgent reviews the one waiting longest. */
class QueueOrderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    @TempDir
    Path dataDir;
    private JdbcTemplate jdbc;
    private QueueService queue;
    private long instanceId;

    @BeforeEach
    void emptyQueue() {
        DataSource dataSource = AppSchema.migratedInMemory(dataDir);
        jdbc = new JdbcTemplate(dataSource);
        queue = new QueueService(new NamedParameterJdbcTemplate(dataSource));
        jdbc.update("insert into cvat_instance (name, base_url, created_at) values ('cvat', 'http://cvat', ?)",
                Timestamp.from(T0));
        instanceId = jdbc.queryForObject("select id from cvat_instance", Long.class);
    }

    @Test
    void mostUrgentFirstThenOldestFirst() {
        queued(101, Priority.NORMAL, 0);
        queued(102, Priority.URGENT, 30);
        queued(103, Priority.LOW, -60);
        queued(104, Priority.NORMAL, -10);
        queued(105, Priority.HIGH, 5);
        queued(106, Priority.URGENT, 10);

        assertThat(jobsInQueueOrder(List.of())).containsExactly(106L, 102L, 105L, 104L, 101L, 103L);
        assertThat(queue.page(QueueFilter.openReviews(instanceId), 0, 1, List.of()).get(0).priority())
                .isEqualTo(Priority.URGENT);
    }

    @Test
    void anExplicitSortStillWins() {
        queued(201, Priority.URGENT, 0);
        queued(202, Priority.LOW, -60);

        assertThat(jobsInQueueOrder(List.of(QueueSort.OLDEST_FIRST))).containsExactly(202L, 201L);
        assertThat(jobsInQueueOrder(List.of(new QueueSort("priority", false)))).containsExactly(202L, 201L);
    }

    @Test
    void aSortByPriorityAloneKeepsTheLongestWaitingFirstAmongEqualPriorities() {
        // ids in the opposite order of waiting, as when jobs come back to the queue
        queued(301, Priority.NORMAL, 0);
        queued(302, Priority.NORMAL, -20);
        queued(303, Priority.LOW, -60);
        queued(304, Priority.NORMAL, -40);

        assertThat(jobsInQueueOrder(List.of(QueueSort.MOST_URGENT_FIRST))).containsExactly(304L, 302L, 301L, 303L);
        assertThat(jobsInQueueOrder(List.of(new QueueSort("priority", false))))
                .containsExactly(303L, 304L, 302L, 301L);
        assertThat(QueueSort.effective(List.of(QueueSort.MOST_URGENT_FIRST))).isEqualTo(QueueSort.DEFAULT_ORDER);
    }

    private List<Long> jobsInQueueOrder(List<QueueSort> sorts) {
        return queue.page(QueueFilter.openReviews(instanceId), 0, 50, sorts).stream().map(QueueEntry::cvatJobId)
                .toList();
    }

    private void queued(long jobId, Priority priority, int minutesAfterT0) {
        Timestamp at = Timestamp.from(T0.plusSeconds(60L * minutesAfterT0));
        jdbc.update("insert into review (instance_id, cvat_task_id, cvat_job_id, open_key, status, queued_at, "
                        + "updated_at, priority) values (?, 7, ?, ?, 'QUEUED', ?, ?, ?)", instanceId, jobId,
                instanceId + ":" + jobId, at, at, priority.rank());
    }
}
