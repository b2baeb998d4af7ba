package io.cvatqueue.review.rework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tables {@code rework_snapshot} and {@code rework_delta}. Plain JDBC: their content columns hold the
 * snapshot and the delta as JSON text of any size, which Spring Data's mapping would read as CLOB objects.
 */
@Repository
class ReworkStore {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final NamedParameterJdbcTemplate jdbc;

    ReworkStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    enum SnapshotStatus { TAKEN, FAILED }

    enum DeltaStatus { PENDING, READY, UNAVAILABLE }

    record SnapshotRow(long reviewId, int round, SnapshotStatus status, Long noteIssueId, Instant takenAt,
                       JobSnapshot snapshot, String problem) {
    }

    record DeltaRow(long id, long reviewId, int round, DeltaStatus status, Instant requestedAt, Instant computedAt,
                    ReworkDelta delta, String problem, int attempts) {
    }

    /** Keeps the snapshot of a rejection round, replacing one kept by an earlier try of the same step. */
    void saveSnapshot(long reviewId, int round, Long noteIssueId, Instant at, JobSnapshot snapshot, String problem) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("reviewId", reviewId)
                .addValue("round", round).addValue("noteIssueId", noteIssueId).addValue("at", Timestamp.from(at))
                .addValue("status", (snapshot == null ? SnapshotStatus.FAILED : SnapshotStatus.TAKEN).name())
                .addValue("content", snapshot == null ? null : write(snapshot))
                .addValue("problem", truncate(problem));
        jdbc.update("delete from rework_snapshot where review_id = :reviewId and round = :round", params);
        jdbc.update("insert into rework_snapshot (review_id, round, status, note_issue_id, taken_at, content, problem) "
                + "values (:reviewId, :round, :status, :noteIssueId, :at, :content, :problem)", params);
    }

    Optional<SnapshotRow> snapshot(long reviewId, int round) {
        return jdbc.query("select * from rework_snapshot where review_id = :reviewId and round = :round",
                new MapSqlParameterSource().addValue("reviewId", reviewId).addValue("round", round),
                (rs, n) -> new SnapshotRow(rs.getLong("review_id"), rs.getInt("round"),
                        SnapshotStatus.valueOf(rs.getString("status")), (Long) rs.getObject("note_issue_id", Long.class),
                        rs.getTimestamp("taken_at").toInstant(),
                        read(rs.getString("content"), JobSnapshot.class), rs.getString("problem")))
                .stream().findFirst();
    }

    /** Asks for the delta of a round; asking twice (a retried step) keeps the one request. */
    void requestDelta(long reviewId, int round, Instant at) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("reviewId", reviewId)
                .addValue("round", round).addValue("at", Timestamp.from(at));
        Integer existing = jdbc.queryForObject("select count(*) from rework_delta where review_id = :reviewId "
                + "and round = :round", params, Integer.class);
        if (existing == null || existing == 0) {
            jdbc.update("insert into rework_delta (review_id, round, status, requested_at, attempts) "
                    + "values (:reviewId, :round, 'PENDING', :at, 0)", params);
        }
    }

    List<DeltaRow> pendingDeltas(int maxAttempts) {
        return jdbc.query("select * from rework_delta where status = 'PENDING' and attempts < :max order by id",
                new MapSqlParameterSource("max", maxAttempts), this::deltaRow);
    }

    /** Claims one attempt at a pending delta; false when another node or thread claimed it first. */
    boolean claim(DeltaRow row) {
        return jdbc.update("update rework_delta set attempts = attempts + 1 where id = :id and attempts = :attempts "
                + "and status = 'PENDING'", new MapSqlParameterSource().addValue("id", row.id())
                .addValue("attempts", row.attempts())) == 1;
    }

    void finish(long id, DeltaStatus status, ReworkDelta delta, String problem, Instant at) {
        jdbc.update("update rework_delta set status = :status, content = :content, problem = :problem, "
                + "computed_at = :at where id = :id", new MapSqlParameterSource().addValue("id", id)
                .addValue("status", status.name()).addValue("content", delta == null ? null : write(delta))
                .addValue("problem", truncate(problem)).addValue("at", Timestamp.from(at)));
    }

    /** A failed attempt that will be tried again: the reason is kept for the page until then. */
    void attemptFailed(long id, String problem) {
        jdbc.update("update rework_delta set problem = :problem where id = :id",
                new MapSqlParameterSource().addValue("id", id).addValue("problem", truncate(problem)));
    }

    /** The delta of the review's latest rework, if one was asked for. */
    Optional<DeltaRow> latestDelta(long reviewId) {
        return jdbc.query("select * from rework_delta where review_id = :reviewId order by round desc",
                new MapSqlParameterSource("reviewId", reviewId), this::deltaRow).stream().findFirst();
    }

    private DeltaRow deltaRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp computed = rs.getTimestamp("computed_at");
        return new DeltaRow(rs.getLong("id"), rs.getLong("review_id"), rs.getInt("round"),
                DeltaStatus.valueOf(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(),
                computed == null ? null : computed.toInstant(), read(rs.getString("content"), ReworkDelta.class),
                rs.getString("problem"), rs.getInt("attempts"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
