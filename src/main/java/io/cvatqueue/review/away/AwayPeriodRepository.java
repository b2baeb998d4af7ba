package io.cvatqueue.review.away;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;

public interface AwayPeriodRepository extends ListCrudRepository<AwayPeriod, Long> {

    @Query("select * from reviewer_away where username = :username and ends_at > :now order by starts_at")
    List<AwayPeriod> findCurrentAndComing(String username, Instant now);

    @Query("select * from reviewer_away where starts_at <= :at and ends_at > :at")
    List<AwayPeriod> findCovering(Instant at);
}
