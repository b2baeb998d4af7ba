package io.cvatqueue.review.away;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A time a reviewer is away (leave, holiday): no new reviews go to them then. */
@Table("reviewer_away")
public record AwayPeriod(@Id Long id, String username, Instant startsAt, Instant endsAt, String note,
                         String createdBy, Instant createdAt) {

    public boolean covers(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
