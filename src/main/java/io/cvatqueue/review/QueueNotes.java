package io.cvatqueue.review;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Why a review came back to the queue ("Returned while rita is away until ..."), kept on the review row for the
 * queue page and the review's readers; the audit trail has the same words.
 */
@Component
public class QueueNotes {

    private final NamedParameterJdbcTemplate jdbc;

    public QueueNotes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write(long reviewId, String note, Instant now) {
        jdbc.update("update review set queue_note = :note, updated_at = :now where id = :id",
                new MapSqlParameterSource("id", reviewId).addValue("note", note)
                        .addValue("now", java.sql.Timestamp.from(now)));
    }

    public Optional<String> of(long reviewId) {
        return jdbc.queryForList("select queue_note from review where id = :id",
                new MapSqlParameterSource("id", reviewId), String.class).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** The notes of those of the reviews that have one, by review id. */
    public Map<Long, String> of(Collection<Long> reviewIds) {
        Map<Long, String> notes = new HashMap<>();
        if (reviewIds.isEmpty()) {
            return notes;
        }
        jdbc.query("select id, queue_note from review where id in (:ids) and queue_note is not null",
                new MapSqlParameterSource("ids", reviewIds),
                rs -> {
                    notes.put(rs.getLong("id"), rs.getString("queue_note"));
                });
        return notes;
    }
}
