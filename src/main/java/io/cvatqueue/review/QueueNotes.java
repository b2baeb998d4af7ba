package io.cvatqueue.review;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
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
}
