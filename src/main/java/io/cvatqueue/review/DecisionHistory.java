package io.cvatqueue.review;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Every approve and reject decision, read from the audit trail (which outlives Camunda's history cleanup) and
 * joined with the review for task, job and annotator. Paged for lazy grids; exported as CSV.
 */
@Service
@Transactional(readOnly = true)
public class DecisionHistory {

    private static final String FROM = "from audit_entry a join review r on r.id = a.review_id "
            + "left join tracked_task t on t.instance_id = r.instance_id and t.cvat_task_id = r.cvat_task_id ";

    private static final RowMapper<Decision> ROW = (rs, i) -> new Decision(
            rs.getLong("audit_id"), rs.getLong("review_id"), rs.getLong("cvat_task_id"), rs.getString("task_name"),
            rs.getLong("cvat_job_id"), rs.getString("actor"), rs.getString("annotator_username"),
            ReviewStatus.valueOf(rs.getString("action")), rs.getString("note"),
            rs.getTimestamp("occurred_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;
    private final ZoneId zone;

    public DecisionHistory(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.zone = clock.getZone();
    }

    /** Decisions matching the filter, newest first. */
    public List<Decision> page(Filter filter, int offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        params.addValue("limit", Math.max(1, Math.min(limit, 1000)));
        params.addValue("offset", Math.max(0, offset));
        return jdbc.query("select a.id as audit_id, r.id as review_id, r.cvat_task_id, t.name as task_name, "
                + "r.cvat_job_id, a.actor, r.annotator_username, a.action, a.note, a.occurred_at " + FROM + where
                + " order by a.occurred_at desc, a.id desc limit :limit offset :offset", params, ROW);
    }

    public int count(Filter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Integer count = jdbc.queryForObject("select count(*) " + FROM + where(filter, params), params, Integer.class);
        return count == null ? 0 : count;
    }

    /** Everyone who has decided on a review of the instance, for the reviewer filter. */
    public List<String> deciders(long instanceId) {
        return jdbc.queryForList("select distinct actor from audit_entry where instance_id = :instanceId "
                        + "and action in ('APPROVED', 'REJECTED') order by actor",
                new MapSqlParameterSource("instanceId", instanceId), String.class);
    }

    /**
     * Writes all matching decisions as CSV (RFC 4180, header line first), page by page so that a long history
     * never sits in memory at once.
     */
    public void writeCsv(Filter filter, Writer out) {
        DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zoneOf(filter));
        try {
            out.write("decided_at,task_id,task,job_id,reviewer,annotator,decision,reason_and_note\r\n");
            int pageSize = 1000;
            for (int offset = 0; ; offset += pageSize) {
                List<Decision> page = page(filter, offset, pageSize);
                for (Decision d : page) {
                    out.write(String.join(",", time.format(d.decidedAt()), Long.toString(d.cvatTaskId()),
                            csv(d.taskName()), Long.toString(d.cvatJobId()), csv(d.reviewer()), csv(d.annotator()),
                            d.decision().name(), csv(d.note())));
                    out.write("\r\n");
                }
                if (page.size() < pageSize) {
                    break;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String where(Filter filter, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder("where a.instance_id = :instanceId and a.action in (:actions)");
        params.addValue("instanceId", filter.instanceId());
        params.addValue("actions", filter.decision() == null ? List.of("APPROVED", "REJECTED")
                : List.of(filter.decision().name()));
        if (filter.reviewer() != null && !filter.reviewer().isBlank()) {
            where.append(" and a.actor = :reviewer");
            params.addValue("reviewer", filter.reviewer());
        }
        if (filter.cvatTaskId() != null) {
            where.append(" and r.cvat_task_id = :taskId");
            params.addValue("taskId", filter.cvatTaskId());
        }
        if (filter.from() != null) {
            where.append(" and a.occurred_at >= :from");
            params.addValue("from", Timestamp.from(filter.from().atStartOfDay(zoneOf(filter)).toInstant()));
        }
        if (filter.to() != null) {
            // the "to" day is included: everything before the start of the next day
            where.append(" and a.occurred_at < :to");
            params.addValue("to", Timestamp.from(filter.to().plusDays(1).atStartOfDay(zoneOf(filter)).toInstant()));
        }
        return where.toString();
    }

    private ZoneId zoneOf(Filter filter) {
        return filter.zone() != null ? filter.zone() : zone;
    }

    /** Quotes a CSV field; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /**
     * Which decisions to show. Null fields do not filter.
     *
     * @param decision APPROVED or REJECTED
     * @param from     first day included, in {@code zone}
     * @param to       last day included
     * @param zone     the zone the days and the CSV's times are in (the user's); null: the server's zone
     */
    public record Filter(long instanceId, String reviewer, ReviewStatus decision, LocalDate from, LocalDate to,
                         Long cvatTaskId, ZoneId zone) {

        public Filter {
            if (decision != null && decision != ReviewStatus.APPROVED && decision != ReviewStatus.REJECTED) {
                throw new IllegalArgumentException("A decision is APPROVED or REJECTED, not " + decision);
            }
        }

        public static Filter all(long instanceId) {
            return new Filter(instanceId, null, null, null, null, null, null);
        }

        public Filter withReviewer(String newReviewer) {
            return new Filter(instanceId, newReviewer, decision, from, to, cvatTaskId, zone);
        }

        public Filter withDecision(ReviewStatus newDecision) {
            return new Filter(instanceId, reviewer, newDecision, from, to, cvatTaskId, zone);
        }

        public Filter withDates(LocalDate newFrom, LocalDate newTo) {
            return new Filter(instanceId, reviewer, decision, newFrom, newTo, cvatTaskId, zone);
        }

        public Filter withTask(Long newTaskId) {
            return new Filter(instanceId, reviewer, decision, from, to, newTaskId, zone);
        }

        public Filter inZone(ZoneId newZone) {
            return new Filter(instanceId, reviewer, decision, from, to, cvatTaskId, newZone);
        }
    }

    /**
     * One decision.
     *
     * @param reviewer who decided
     * @param decision {@link ReviewStatus#APPROVED} or {@link ReviewStatus#REJECTED}
     * @param note     the rejection reason and the reviewer's note, as the audit trail recorded them
     */
    public record Decision(long auditId, long reviewId, long cvatTaskId, String taskName, long cvatJobId,
                           String reviewer, String annotator, ReviewStatus decision, String note,
                           Instant decidedAt) {
    }
}
