package io.cvatqueue.review.drift;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The table {@code cvat_drift}. */
@Repository
class DriftStore {

    private final NamedParameterJdbcTemplate jdbc;

    DriftStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new flag; the unique open key refuses a second open flag for the same review. */
    void insert(CvatDrift d) {
        jdbc.update("insert into cvat_drift (review_id, instance_id, cvat_job_id, open_key, noticed_by, changed_by, "
                + "changed_at, detected_at, expected_stage, expected_state, expected_assignee, found_stage, found_state, "
                + "found_assignee, found_assignee_name) values (:reviewId, :instanceId, :jobId, :reviewId, :noticedBy, "
                + ":changedBy, :changedAt, :detectedAt, :expectedStage, :expectedState, :expectedAssignee, :foundStage, "
                + ":foundState, :foundAssignee, :foundAssigneeName)", new MapSqlParameterSource()
                .addValue("reviewId", d.reviewId()).addValue("instanceId", d.instanceId())
                .addValue("jobId", d.cvatJobId()).addValue("noticedBy", d.noticedBy())
                .addValue("changedBy", d.changedBy()).addValue("changedAt", timestamp(d.changedAt()))
                .addValue("detectedAt", timestamp(d.detectedAt())).addValue("expectedStage", d.expectedStage().wire())
                .addValue("expectedState", d.expectedState() == null ? null : d.expectedState().wire())
                .addValue("expectedAssignee", d.expectedAssignee()).addValue("foundStage", d.foundStage().wire())
                .addValue("foundState", d.foundState().wire()).addValue("foundAssignee", d.foundAssignee())
                .addValue("foundAssigneeName", d.foundAssigneeName()));
    }

    /** A later change while the flag is open: the flag shows what CVAT shows now. */
    void updateFinding(long id, CvatDrift d) {
        jdbc.update("update cvat_drift set found_stage = :foundStage, found_state = :foundState, "
                + "found_assignee = :foundAssignee, found_assignee_name = :foundAssigneeName, changed_by = :changedBy, "
                + "changed_at = :changedAt, noticed_by = :noticedBy where id = :id", new MapSqlParameterSource()
                .addValue("id", id).addValue("foundStage", d.foundStage().wire())
                .addValue("foundState", d.foundState().wire()).addValue("foundAssignee", d.foundAssignee())
                .addValue("foundAssigneeName", d.foundAssigneeName()).addValue("changedBy", d.changedBy())
                .addValue("changedAt", timestamp(d.changedAt())).addValue("noticedBy", d.noticedBy()));
    }

    /** @return false when the flag was resolved by someone else first */
    boolean resolve(long id, CvatDrift.Resolution resolution, String by, Instant at) {
        return jdbc.update("update cvat_drift set resolution = :resolution, resolved_by = :by, resolved_at = :at, "
                + "open_key = null where id = :id and open_key is not null", new MapSqlParameterSource()
                .addValue("id", id).addValue("resolution", resolution.name()).addValue("by", by)
                .addValue("at", timestamp(at))) == 1;
    }

    Optional<CvatDrift> find(long id) {
        return jdbc.query("select * from cvat_drift where id = :id", new MapSqlParameterSource("id", id), this::row)
                .stream().findFirst();
    }

    Optional<CvatDrift> openFor(long reviewId) {
        return jdbc.query("select * from cvat_drift where open_key = :reviewId",
                new MapSqlParameterSource("reviewId", reviewId), this::row).stream().findFirst();
    }

    List<CvatDrift> openFor(Collection<Long> reviewIds) {
        if (reviewIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select * from cvat_drift where open_key in (:ids)", new MapSqlParameterSource("ids", reviewIds),
                this::row);
    }

    List<CvatDrift> openOfInstance(long instanceId) {
        return jdbc.query("select * from cvat_drift where instance_id = :instanceId and open_key is not null "
                + "order by detected_at desc", new MapSqlParameterSource("instanceId", instanceId), this::row);
    }

    List<CvatDrift> ofReview(long reviewId) {
        return jdbc.query("select * from cvat_drift where review_id = :reviewId order by id",
                new MapSqlParameterSource("reviewId", reviewId), this::row);
    }

    private CvatDrift row(ResultSet rs, int n) throws SQLException {
        String expectedState = rs.getString("expected_state");
        String resolution = rs.getString("resolution");
        return new CvatDrift(rs.getLong("id"), rs.getLong("review_id"), rs.getLong("instance_id"),
                rs.getLong("cvat_job_id"), rs.getString("noticed_by"), rs.getString("changed_by"),
                instant(rs.getTimestamp("changed_at")), instant(rs.getTimestamp("detected_at")),
                JobStage.fromWire(rs.getString("expected_stage")),
                expectedState == null ? null : JobState.fromWire(expectedState),
                rs.getObject("expected_assignee", Long.class), JobStage.fromWire(rs.getString("found_stage")),
                JobState.fromWire(rs.getString("found_state")), rs.getObject("found_assignee", Long.class),
                rs.getString("found_assignee_name"), resolution == null ? null : CvatDrift.Resolution.valueOf(resolution),
                rs.getString("resolved_by"), instant(rs.getTimestamp("resolved_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
