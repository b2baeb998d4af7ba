package io.cvatqueue.queue;

import io.cvatqueue.review.ReviewStatus;
import org.springframework.jdbc.core.ConnectionCallback;
import io.cvatqueue.settings.Priority;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The review queue as pages for lazy grids and the REST API. Reads the review read model with one indexed SQL
 * query per page and one per count, so a page of 50 stays fast with tens of thousands of open reviews.
 */
@Service
public class QueueService {

    private static final Map<String, String> SORTABLE = Map.ofEntries(
            Map.entry("queuedAt", "r.queued_at"),
            Map.entry("updatedAt", "r.updated_at"),
            Map.entry("cvatJobId", "r.cvat_job_id"),
            Map.entry("cvatTaskId", "r.cvat_task_id"),
            Map.entry("taskName", "r.task_name"),
            Map.entry("reviewer", "r.reviewer"),
            Map.entry("annotator", "r.annotator_username"),
            Map.entry("status", "r.status"),
            Map.entry("rejectionCount", "r.rejection_count"),
            Map.entry("priority", "r.priority"));

    private static final Set<String> OPEN = Arrays.stream(ReviewStatus.values()).filter(ReviewStatus::isOpen)
            .map(Enum::name).collect(Collectors.toSet());

    private static final RowMapper<QueueEntry> ROW = (rs, i) -> new QueueEntry(
            rs.getLong("id"), rs.getLong("cvat_task_id"), rs.getString("task_name"), rs.getLong("cvat_job_id"),
            ReviewStatus.valueOf(rs.getString("status")), rs.getString("reviewer"), rs.getString("annotator_username"),
            rs.getInt("rejection_count"), rs.getBoolean("overdue"), instant(rs.getTimestamp("queued_at")),
            instant(rs.getTimestamp("updated_at")), Priority.ofRank(rs.getInt("priority")),
            rs.getString("queue_note"));

    /** Indexes that start with a sort column (V30): a page sorted by it is read in index order. */
    private static final Map<String, String> SORT_INDEXES = Map.of(
            "queuedAt", "ix_review_queued",
            "updatedAt", "ix_review_updated",
            "taskName", "ix_review_task_name");

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean h2;

    public QueueService(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.h2 = Boolean.TRUE.equals(jdbc.getJdbcTemplate().execute((ConnectionCallback<Boolean>) connection ->
                connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2")));
    }

    private static final String COLUMNS = "r.id, r.cvat_task_id, r.task_name, r.cvat_job_id, r.status, r.reviewer, "
            + "r.annotator_username, r.rejection_count, r.overdue, r.queued_at, r.updated_at, r.priority, r.queue_note";

    public List<QueueEntry> page(QueueFilter filter, int offset, int limit, List<QueueSort> sorts) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        params.addValue("limit", pageSize(limit));
        params.addValue("offset", Math.max(0, offset));
        List<QueueSort> order = order(sorts);
        String sql = "select " + COLUMNS + " from review r" + indexHint(filter, order) + " " + where
                + " order by " + orderBy(order) + " limit :limit offset :offset";
        return jdbc.query(sql, params, ROW);
    }

    /**
     * The page that follows a {@link QueueCursor} (keyset paging): read from the cursor's place in the sort's index,
     * so its cost does not grow with how deep in the queue it lies. The place is found by one query per sort column
     * (equal on the columns before it, past the cursor on it), each an index range, and the first {@code limit}
     * rows of their union are the page.
     *
     * @param after a cursor from {@link QueueCursor#after}, in the same sort order
     * @throws IllegalArgumentException when the cursor is not one of this order, or the order cannot be resumed
     */
    public List<QueueEntry> pageAfter(QueueFilter filter, String after, int limit, List<QueueSort> sorts) {
        List<QueueSort> order = order(sorts);
        QueueCursor cursor = QueueCursor.parse(after, order);
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        params.addValue("limit", pageSize(limit));
        List<String> columns = new java.util.ArrayList<>(order.stream().map(s -> SORTABLE.get(s.property())).toList());
        columns.add("r.id");
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            StringBuilder seek = new StringBuilder();
            for (int j = 0; j < i; j++) {
                seek.append(" and ").append(columns.get(j)).append(" = :k").append(j);
            }
            boolean descending = i < order.size() && order.get(i).descending();
            seek.append(" and ").append(columns.get(i)).append(descending ? " < :k" : " > :k").append(i);
            params.addValue("k" + i, cursor.value(i));
            parts.add("(select " + COLUMNS + " from review r" + indexHint(filter, order) + " " + where + seek
                    + " order by " + orderBy(order) + " limit :limit)");
        }
        String sql = "select * from (" + String.join(" union all ", parts) + ") r order by " + orderBy(order)
                + " limit :limit";
        return jdbc.query(sql, params, ROW);
    }

    /**
     * The cursor that {@link #pageAfter} continues from after {@code last}, a page's last entry read in
     * {@code sorts}; empty when that order cannot be resumed (a sort column without a cursor).
     */
    public Optional<String> cursorAfter(QueueEntry last, List<QueueSort> sorts) {
        List<QueueSort> order = order(sorts);
        return QueueCursor.canResume(order) ? Optional.of(QueueCursor.after(last, order)) : Optional.empty();
    }

    private static int pageSize(int limit) {
        return Math.max(1, Math.min(limit, 1000));
    }

    private static List<QueueSort> order(List<QueueSort> sorts) {
        return QueueSort.effective(sorts).stream()
                .filter(s -> SORTABLE.containsKey(s.property())).toList();
    }

    /** The sort columns and the review id last, which makes the order total (pages never overlap). */
    private static String orderBy(List<QueueSort> order) {
        String columns = order.stream()
                .map(s -> SORTABLE.get(s.property()) + (s.descending() ? " desc" : " asc"))
                .collect(Collectors.joining(", "));
        return (columns.isEmpty() ? "" : columns + ", ") + "r.id";
    }

    /**
     * On H2, names the index of the sort column for pages over broad filters. H2's planner picks the index of the
     * filter (instance and status, which match most rows) and then sorts every match; read in the sort index's
     * order, the page is found after the first rows. A filter to one task reads that task's entries of the task
     * index (H2 would otherwise take the instance's status index and sort every open review of the instance), so
     * its cost follows the task's size, not the queue's. Other narrow filters (a reviewer, overdue) keep the
     * planner's choice. PostgreSQL weighs the LIMIT itself and gets no hint.
     */
    private String indexHint(QueueFilter filter, List<QueueSort> order) {
        if (h2 && filter.cvatTaskId() != null) {
            return " use index (ix_review_task_reviewer)";
        }
        if (!h2 || order.isEmpty() || (order.get(0).descending() && !order.equals(QueueSort.DEFAULT_ORDER))
                || filter.overdueOnly() || (filter.reviewer() != null && !filter.reviewer().isBlank()
                && !QueueFilter.UNASSIGNED.equals(filter.reviewer()))) {
            return "";
        }
        if (order.equals(QueueSort.DEFAULT_ORDER)) {
            return " use index (ix_review_urgent_oldest)";
        }
        String index = SORT_INDEXES.get(order.get(0).property());
        return index == null || order.size() > 1 ? "" : " use index (" + index + ")";
    }

    /**
     * How many entries match, counting no further than {@code cap}: the cost of a count is the number of index
     * entries it reads, so a capped count stays as cheap at 100,000 open reviews as at 10,000.
     *
     * @return the exact count when it is below {@code cap}, else {@code cap}
     */
    public int countUpTo(QueueFilter filter, int cap) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        params.addValue("cap", cap);
        Integer count = jdbc.queryForObject("select count(*) from (select 1 from review r " + where(filter, params)
                + " limit :cap) matching", params, Integer.class);
        return count == null ? 0 : count;
    }

    public int count(QueueFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Integer count = jdbc.queryForObject("select count(*) from review r " + where(filter, params), params,
                Integer.class);
        return count == null ? 0 : count;
    }

    /** Open reviews of an instance per status, for dashboards and metrics. */
    public Map<ReviewStatus, Integer> openCountsByStatus(long instanceId) {
        Map<ReviewStatus, Integer> counts = new EnumMap<>(ReviewStatus.class);
        jdbc.query("select status, count(*) as n from review where instance_id = :instanceId and open_key is not null "
                        + "group by status", Map.of("instanceId", instanceId),
                rs -> {
                    counts.put(ReviewStatus.valueOf(rs.getString("status")), rs.getInt("n"));
                });
        return counts;
    }

    /**
     * Per tracked task: jobs the annotators completed that wait for review (queued or assigned, not yet started),
     * which CVAT's own job summary does not count.
     */
    public Map<Long, Integer> awaitingReviewPerTask(long instanceId) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        jdbc.query("select cvat_task_id, count(*) as n from review where instance_id = :instanceId "
                        + "and status in ('QUEUED', 'ASSIGNED') group by cvat_task_id",
                Map.of("instanceId", instanceId), rs -> {
                    counts.put(rs.getLong("cvat_task_id"), rs.getInt("n"));
                });
        return counts;
    }

    public int overdueCount(long instanceId) {
        Integer count = jdbc.queryForObject("select count(*) from review where instance_id = :instanceId "
                + "and open_key is not null and overdue = true", Map.of("instanceId", instanceId), Integer.class);
        return count == null ? 0 : count;
    }

    /** Open reviews per reviewer (assigned or in review), for choosing whom to assign. */
    public Map<String, Integer> activeCountsByReviewer(long instanceId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.query("select reviewer, count(*) as n from review where instance_id = :instanceId "
                        + "and status in ('ASSIGNED', 'IN_REVIEW') group by reviewer order by reviewer",
                Map.of("instanceId", instanceId), rs -> {
                    counts.put(rs.getString("reviewer"), rs.getInt("n"));
                });
        return counts;
    }

    private static String where(QueueFilter filter, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder("where r.instance_id = :instanceId");
        params.addValue("instanceId", filter.instanceId());
        Set<String> statuses = filter.statuses() == null || filter.statuses().isEmpty() ? OPEN
                : filter.statuses().stream().map(Enum::name).collect(Collectors.toSet());
        where.append(" and r.status in (:statuses)");
        params.addValue("statuses", statuses);
        if (filter.cvatTaskId() != null) {
            where.append(" and r.cvat_task_id = :taskId");
            params.addValue("taskId", filter.cvatTaskId());
        }
        if (QueueFilter.UNASSIGNED.equals(filter.reviewer())) {
            where.append(" and r.reviewer is null");
        } else if (filter.reviewer() != null && !filter.reviewer().isBlank()) {
            where.append(" and r.reviewer = :reviewer");
            params.addValue("reviewer", filter.reviewer());
        }
        if (filter.overdueOnly()) {
            where.append(" and r.overdue = true");
        }
        return where.toString();
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
