package io.cvatqueue.backup;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Compacts the H2 file while the app runs. With {@code WRITE_DELAY=0} H2 writes every commit as a new chunk and
 * the file grows to several times its data (see README, Durability). H2 2.3 compacts reliably only what
 * {@link H2StartupCompaction} does: open the file afresh and {@code SHUTDOWN COMPACT} it as the only session.
 * Done directly on a store the app had been writing for a while, it left a file that could not be opened again
 * (measured at 220 MB: "Double mark" on the chunks). So the app does here what a stop and a start would: the
 * connection pool is paused (new requests for a connection wait; the ones in use are given back, a transaction is
 * never cut short), the pool lets go of its connections, one session of its own closes the database as a normal
 * stop does, a fresh session opens it and shuts it down compacted, and the pool opens it again. Requests wait for
 * the seconds this takes; nothing fails. If connections stay in use longer than
 * {@code app.h2.compact-drain-timeout}, the pool is resumed and nothing is compacted.
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
    private final H2CompactionRule rule;
    private final Duration drainTimeout;
    /** Runs compactions asked for from the UI, so that no UI thread waits for the file to be rewritten. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "h2-compaction");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public H2FileCompaction(DataSource dataSource, Environment environment,
                            @Value("${app.h2.compact-drain-timeout:30s}") Duration drainTimeout) {
        this(dataSource, environment.getProperty("spring.datasource.url", ""),
                environment.getProperty("spring.datasource.username", "sa"),
                environment.getProperty("spring.datasource.password", ""), H2CompactionRule.of(environment),
                drainTimeout);
    }

    H2FileCompaction(DataSource dataSource, String url, String username, String password, H2CompactionRule rule,
                     Duration drainTimeout) {
        this.dataSource = dataSource;
        this.database = H2Database.fromUrl(url);
        this.url = url;
        this.username = username;
        this.password = password;
        this.rule = rule;
        this.drainTimeout = drainTimeout;
    }

    /** Only an H2 file behind the app's own connection pool can be compacted here. */
    public boolean supported() {
        return database.isPresent() && hikari().isPresent();
    }

    public Optional<FileState> state() {
        if (!supported() || !Files.isRegularFile(database.get().file())) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return Optional.of(new FileState(Files.size(database.get().file()),
                    H2CompactionRule.livePercent(connection)));
        } catch (SQLException | IOException e) {
            log.warn("Could not read the state of the H2 file: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the scheduled compaction would compact now: a large file that is mostly garbage. */
    public boolean worthwhile(FileState state) {
        return rule.worthwhile(state.bytes(), state.livePercent());
    }

    /** The scheduled compaction: compacts only when {@link #worthwhile}. */
    public Optional<Outcome> compactIfWorthwhile() {
        return state().filter(this::worthwhile).map(state -> compact());
    }

    /** {@link #compact()} on a thread of its own; the future fails with what {@code compact} throws. */
    public CompletableFuture<Outcome> compactInBackground() {
        return CompletableFuture.supplyAsync(this::compact, background);
    }

    @PreDestroy
    void stopBackground() {
        background.shutdown();
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
        HikariDataSource hikari = hikari().orElseThrow();
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        FileState before = state().orElseThrow(() -> new BackupException("The H2 file cannot be read"));
        long started = System.nanoTime();
        int minimumIdle = hikari.getHikariConfigMXBean().getMinimumIdle();
        Connection own = null;
        try {
            // one pooled connection of its own keeps the database open while the others close: H2 closes it only
            // in the SHUTDOWN below, in this thread, with no other session left (the pool closes connections in
            // the background; a session opened while a close still writes the file would work on a closing store)
            own = hikari.getConnection();
            own.setAutoCommit(true);
            pool.suspendPool();
            if (!drained(pool)) {
                return notCompacted(before, started, (pool.getActiveConnections() - 1) + " database connections "
                        + "were still in use after " + drainTimeout.toSeconds() + " s (a long backup or sync?)");
            }
            hikari.getHikariConfigMXBean().setMinimumIdle(0);
            pool.softEvictConnections();
            try (Statement statement = own.createStatement()) {
                int others = otherSessions(statement);
                if (others > 0) {
                    return notCompacted(before, started, others + " other sessions stayed open on the database "
                            + "(a tool connected to it?)");
                }
                // closed as when the app stops, then opened afresh and compacted as when it starts
                statement.execute("SHUTDOWN");
            }
            try (Connection fresh = DriverManager.getConnection(url, username, password);
                 Statement statement = fresh.createStatement()) {
                int others = otherSessions(statement);
                if (others > 0) {
                    return notCompacted(before, started, others + " other sessions opened the database");
                }
                statement.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException e) {
            throw new BackupException("Compacting the H2 file failed: " + e.getMessage(), e);
        } finally {
            if (own != null) {
                hikari.evictConnection(own);
            }
            hikari.getHikariConfigMXBean().setMinimumIdle(minimumIdle);
            pool.resumePool();
        }
        long after = fileSize();
        Outcome outcome = new Outcome(true, before.bytes(), after, before.livePercent(), millis(started),
                String.format(java.util.Locale.ROOT, "Compacted the H2 file: %.1f MB -> %.1f MB (%d%% of it was data)"
                        + " in %d ms", megabytes(before.bytes()), megabytes(after), before.livePercent(),
                millis(started)));
        log.info(outcome.message());
        return outcome;
    }

    private Outcome notCompacted(FileState before, long started, String why) {
        String message = "Not compacted: " + why + "; try again later";
        log.warn(message);
        return new Outcome(false, before.bytes(), before.bytes(), before.livePercent(), millis(started), message);
    }

    /** Sessions besides this one, after waiting a little for the pool's closing connections to be gone. */
    private static int otherSessions(Statement statement) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (var result = statement.executeQuery("select count(*) from information_schema.sessions")) {
                result.next();
                int others = result.getInt(1) - 1;
                if (others == 0 || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    return others;
                }
            }
            sleep();
        }
    }

    /** Waits until no connection but this one's own is in use (transactions finish, none starts). */
    private boolean drained(HikariPoolMXBean pool) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (pool.getActiveConnections() > 1) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            sleep();
        }
        return true;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long fileSize() {
        try {
            return Files.size(database.orElseThrow().file());
        } catch (IOException e) {
            return -1;
        }
    }

    /** The app's Hikari pool, if it may be paused (spring.datasource.hikari.allow-pool-suspension) and runs. */
    private Optional<HikariDataSource> hikari() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                return hikari.isAllowPoolSuspension() && hikari.getHikariPoolMXBean() != null ? Optional.of(hikari)
                        : Optional.empty();
            }
        } catch (SQLException e) {
            log.debug("Not a Hikari pool: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** As Admin > Backups shows sizes (1 MB = 1024 KB). */
    private static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024);
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
