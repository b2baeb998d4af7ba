package io.cvatqueue.analytics;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Database leases, so that refreshes do not overlap across nodes sharing one database. Taking a lease is a single
 * compare-and-set update (only an expired lease is taken over), which every database serialises on the row; a
 * node that dies mid-refresh holds its lease only until it expires.
 */
@Component
class RefreshGuard {

    /** A held lease; {@code owner} is unique per lease so a late release never frees someone else's. */
    record Lease(String name, String owner) {
    }

    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;
    private final Clock clock;

    RefreshGuard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes the lease unless someone holds it. */
    Optional<Lease> tryLock(String name, Duration lease) {
        return take(name, lease, null);
    }

    /**
     * Takes the lease unless someone holds it or it was last released (finished) after {@code finishedBefore}:
     * a timer on another node that just did the work makes this node's timer skip its turn.
     */
    Optional<Lease> tryLockIfNotFinishedSince(String name, Duration lease, Instant finishedBefore) {
        return take(name, lease, finishedBefore);
    }

    void release(Lease lease) {
        Instant now = clock.instant();
        jdbc.sql("update analytics_lock set locked_until = :now, locked_by = null, last_finished_at = :now "
                        + "where lock_name = :name and locked_by = :owner")
                .param("now", timestamp(now)).param("name", lease.name()).param("owner", lease.owner())
                .update();
    }

    private Optional<Lease> take(String name, Duration lease, Instant finishedBefore) {
        ensureRow(name);
        Instant now = clock.instant();
        String owner = NODE + "/" + UUID.randomUUID();
        String sql = "update analytics_lock set locked_until = :until, locked_by = :owner "
                + "where lock_name = :name and locked_until <= :now"
                + (finishedBefore == null ? "" : " and (last_finished_at is null or last_finished_at <= :finishedBefore)");
        var statement = jdbc.sql(sql)
                .param("until", timestamp(now.plus(lease))).param("owner", owner).param("name", name)
                .param("now", timestamp(now));
        if (finishedBefore != null) {
            statement = statement.param("finishedBefore", timestamp(finishedBefore));
        }
        return statement.update() == 1 ? Optional.of(new Lease(name, owner)) : Optional.empty();
    }

    private void ensureRow(String name) {
        Integer exists = jdbc.sql("select count(*) from analytics_lock where lock_name = :name")
                .param("name", name).query(Integer.class).single();
        if (exists != null && exists > 0) {
            return;
        }
        try {
            jdbc.sql("insert into analytics_lock (lock_name, locked_until) values (:name, :epoch)")
                    .param("name", name).param("epoch", timestamp(Instant.EPOCH)).update();
        } catch (DuplicateKeyException e) {
            // another node created it a moment ago: the compare-and-set decides who gets the lease
        }
    }

    /** Bound as a plain timestamp, as Spring Data JDBC writes the app's other timestamp columns. */
    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
