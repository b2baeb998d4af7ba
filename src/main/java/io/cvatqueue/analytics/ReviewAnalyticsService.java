package io.cvatqueue.analytics;

import io.cvatqueue.analytics.ReviewAnalytics.ReviewEvent;
import io.cvatqueue.analytics.ReviewAnalytics.ReviewFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Review analytics of a task. Reads the review read model and the audit trail with plain SQL: analytics is a
 * read-only report over the review feature's tables, and the audit trail (unlike Camunda's history, which
 * history cleanup removes) keeps every start and decision with its time and actor.
 */
@Service
public class ReviewAnalyticsService {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ReviewAnalyticsService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The task's review figures, with days counted in the server's zone. */
    public ReviewAnalytics forTask(long instanceId, long taskId) {
        return forTask(instanceId, taskId, clock.getZone());
    }

    /** The task's review figures, with "per day" meaning days in {@code zone} (the user's). */
    public ReviewAnalytics forTask(long instanceId, long taskId, java.time.ZoneId zone) {
        List<ReviewFacts> reviews = jdbc.sql("select id, annotator_username, queued_at, assigned_at from review "
                        + "where instance_id = :instanceId and cvat_task_id = :taskId")
                .param("instanceId", instanceId).param("taskId", taskId)
                .query((rs, row) -> new ReviewFacts(rs.getLong("id"), rs.getString("annotator_username"),
                        instant(rs, "queued_at"), instant(rs, "assigned_at")))
                .list();
        List<ReviewEvent> events = jdbc.sql("select a.review_id, a.actor, a.action, a.occurred_at from audit_entry a "
                        + "join review r on r.id = a.review_id "
                        + "where r.instance_id = :instanceId and r.cvat_task_id = :taskId "
                        + "and a.action in (:actions) order by a.occurred_at, a.id")
                .param("instanceId", instanceId).param("taskId", taskId)
                .param("actions", List.of(ReviewAnalytics.REVIEW_STARTED, ReviewAnalytics.APPROVED,
                        ReviewAnalytics.REJECTED))
                .query((rs, row) -> new ReviewEvent(rs.getLong("review_id"), rs.getString("actor"),
                        rs.getString("action"), instant(rs, "occurred_at")))
                .list();
        return ReviewAnalytics.compute(reviews, events, clock.instant(), zone);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
