package io.cvatqueue.backup;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Compacts the H2 file while the app runs. With {@code WRITE_DELAY=0} H2 writes every commit as a new chunk and
 * the file grows to several times its data (see README, Durability); H2 2.3 only moves chunks safely when the
 * database closes ({@code SHUTDOWN COMPACT}). So the connection pool is paused: new requests for a connection wait,
 * the ones in use are given back (a transaction is never cut short), the database is shut down compacted, and the
 * pool reopens it. Requests wait for the few seconds this takes; nothing fails. If connections stay in use longer
 * than {@code app.h2.compact-drain-timeout}, the pool is resumed and nothing is compacted.
 * <p>
 * Runs on {@code app.h2.compact-schedule} when the file is over {@code app.h2.compact-above-mb} and less than
 * {@code app.h2.compact-below-fill-percent} of it is data (the rule {@link H2StartupCompaction} applies at start),
 * and when an admin asks (Admin > Backups, REST).
 */
@Service
public class H2FileCompaction {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);

    /** The file's size and how much of it is data, as H2 reports it. */
    public record FileState(long bytes, int livePercent) {
    }

    /** What a compaction did; {@code compacted} false with the reason when it left the file alone. */
    public record Outcome(boolean compacted, long bytesBefore, long bytesAfter, int livePercentBefore, long millis,
                          String message) {
    }

    private final DataSource dataSource;
    private final Optional<H2Database> database;
    private final String url;
    private final String username;
    private final String password;
    private final long compactAboveBytes;
    private final int compactBelowFillPercent;
    private final Duration drainTimeout;

    public H2FileCompaction(DataSource dataSource,
                            @Value("${spring.datasource.url}") String url,
                            @Value("${spring.datasource.username:sa}") String username,
                            @Value("${spring.datasource.password:}") String password,
                            @Value("${app.h2.compact-above-mb:64}") long compactAboveMb,
                            @Value("${app.h2.compact-below-fill-percent:50}") int compactBelowFillPercent,
                            @Value("${app.h2.compact-drain-timeout:30s}") Duration drainTimeout) {
        this.dataSource = dataSource;
        this.database = H2Database.fromUrl(url);
        this.url = url;
        this.username = username;
        this.password = password;
        this.compactAboveBytes = compactAboveMb * 1024 * 1024;
        this.compactBelowFillPercent = compactBelowFillPercent;
        this.drainTimeout = drainTimeout;
    }

    /** Only an H2 file behind the app's own connection pool can be compacted here. */
    public boolean supported() {
        return database.isPresent() && pool().isPresent();
    }

    public Optional<FileState> state() {
        if (!supported() || !Files.isRegularFile(database.get().file())) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return Optional.of(new FileState(Files.size(database.get().file()),
                    H2StartupCompaction.livePercent(connection)));
        } catch (SQLException | IOException e) {
            log.warn("Could not read the state of the H2 file: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the scheduled compaction would compact now: a large file that is mostly garbage. */
    public boolean worthwhile(FileState state) {
        return compactAboveBytes >= 0 && state.bytes() >= compactAboveBytes
                && state.livePercent() < compactBelowFillPercent;
    }

    /** The scheduled compaction: compacts only when {@link #worthwhile}. */
    public Optional<Outcome> compactIfWorthwhile() {
        return state().filter(this::worthwhile).map(state -> compact());
    }

    /**
     * Compacts the file now, whatever its state. One at a time: a second caller waits and then compacts a file
     * that is already small, which is quick.
     *
     * @throws BackupException when the database is not an H2 file behind the app's pool
     */
    public synchronized Outcome compact() {
        if (!supported()) {
            throw new BackupException("Compaction needs the built-in H2 database in a file");
        }
        HikariPoolMXBean pool = pool().orElseThrow();
        FileState before = state().orElseThrow(() -> new BackupException("The H2 file cannot be read"));
        long started = System.nanoTime();
        pool.suspendPool();
        try {
            if (!drained(pool)) {
                String message = "Not compacted: " + pool.getActiveConnections() + " database connections were "
                        + "still in use after " + drainTimeout.toSeconds() + " s (a long backup or sync?); try again "
                        + "later";
                log.warn(message);
                return new Outcome(false, before.bytes(), before.bytes(), before.livePercent(), millis(started),
                        message);
            }
            // a session of its own: the pool is paused, and SHUTDOWN closes every session of the database
            try (Connection connection = DriverManager.getConnection(url, username, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
            // the pool's idle connections belong to the closed database: new ones open it again
            pool.softEvictConnections();
        } catch (SQLException e) {
            pool.softEvictConnections();
            throw new BackupException("Compacting the H2 file failed: " + e.getMessage(), e);
        } finally {
            pool.resumePool();
        }
        long after = fileSize();
        Outcome outcome = new Outcome(true, before.bytes(), after, before.livePercent(), millis(started),
                String.format(java.util.Locale.ROOT, "Compacted the H2 file: %.1f MB -> %.1f MB (%d%% of it was data)"
                        + " in %d ms", before.bytes() / 1e6, after / 1e6, before.livePercent(), millis(started)));
        log.info(outcome.message());
        return outcome;
    }

    private boolean drained(HikariPoolMXBean pool) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (pool.getActiveConnections() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private long fileSize() {
        try {
            return Files.size(database.orElseThrow().file());
        } catch (IOException e) {
            return -1;
        }
    }

    private Optional<HikariPoolMXBean> pool() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                return hikari.isAllowPoolSuspension() ? Optional.ofNullable(hikari.getHikariPoolMXBean())
                        : Optional.empty();
            }
        } catch (SQLException e) {
            log.debug("Not a Hikari pool: {}", e.getMessage());
        }
        return Optional.empty();
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
