package io.cvatqueue.backup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compacting the H2 file while the app works: a real file database with the production URL settings behind a
 * Hikari pool, as the app runs it, with writers committing all the time.
 */
class H2FileCompactionTest {

    @TempDir
    Path dir;

    HikariDataSource pool;
    JdbcTemplate jdbc;
    String url;

    @BeforeEach
    void fileDatabaseFullOfGarbage() {
        url = "jdbc:h2:file:" + dir.resolve("queue") + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_ON_EXIT=FALSE;"
                + "WRITE_DELAY=0;QUERY_CACHE_SIZE=512";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(10); // Hikari's default, as the app runs it
        config.setAllowPoolSuspension(true);
        pool = new HikariDataSource(config);
        jdbc = new JdbcTemplate(pool);
        jdbc.execute("create table note (id bigint auto_increment primary key, text varchar(2000))");
        // every commit is a new chunk of the file; the deleted rows leave it mostly garbage
        for (int i = 0; i < 3000; i++) {
            jdbc.update("insert into note (text) values (repeat('x', 1000))");
        }
        jdbc.update("delete from note");
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private H2FileCompaction compaction(Duration drainTimeout) {
        return new H2FileCompaction(pool, url, "sa", "", new H2CompactionRule(1, 50), drainTimeout);
    }

    @Test
    void shrinksAMostlyEmptyFileWhileWritersKeepCommittingAndLosesNoCommit() throws Exception {
        H2FileCompaction compaction = compaction(Duration.ofSeconds(30));
        H2FileCompaction.FileState before = compaction.state().orElseThrow();
        assertThat(compaction.worthwhile(before)).as("%s", before).isTrue();

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(3);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        List<Thread> writers = List.of(1, 2, 3).stream().map(n -> started(() -> {
            started.countDown();
            while (writing.get()) {
                try {
                    // two statements in one transaction: a compaction must not fall between them
                    transactions.executeWithoutResult(status -> {
                        jdbc.update("insert into note (text) values ('writer " + n + "')");
                        jdbc.update("update note set text = text where id = (select max(id) from note)");
                    });
                    committed.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        })).toList();
        started.await();
        Thread.sleep(100);

        H2FileCompaction.Outcome outcome = compaction.compact();

        Thread.sleep(100);
        writing.set(false);
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(failures).isEmpty();
        assertThat(outcome.compacted()).isTrue();
        assertThat(outcome.bytesAfter()).isLessThan(before.bytes() / 4);
        assertThat(Files.size(dir.resolve("queue.mv.db"))).isLessThan(before.bytes() / 2);
        assertThat(jdbc.queryForObject("select count(*) from note", Integer.class)).isEqualTo(committed.get())
                .isPositive();
        // the file opens again from scratch, as at the next start, with every commit in it
        pool.close();
        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
             ResultSet count = reopened.createStatement().executeQuery("select count(*) from note")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(committed.get());
        }
    }

    @Test
    void leavesTheFileAloneWhenAConnectionStaysInUseAndThePoolWorksOnAfterwards() throws Exception {
        H2FileCompaction compaction = compaction(Duration.ofMillis(300));
        long before = Files.size(dir.resolve("queue.mv.db"));
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch compactionDone = new CountDownLatch(1);
        Thread longTransaction = started(() -> transactions.executeWithoutResult(status -> {
            jdbc.update("insert into note (text) values ('long transaction')");
            inTransaction.countDown();
            try {
                compactionDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        inTransaction.await();

        H2FileCompaction.Outcome outcome = compaction.compact();
        compactionDone.countDown();
        longTransaction.join();

        assertThat(outcome.compacted()).isFalse();
        assertThat(outcome.message()).contains("1 database connections were still in use");
        assertThat(Files.size(dir.resolve("queue.mv.db"))).isGreaterThanOrEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from note where text = 'long transaction'", Integer.class))
                .isOne();
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    @Test
    void aSmallOrMostlyLiveFileIsNotWorthCompactingOnSchedule() {
        H2FileCompaction compaction = new H2FileCompaction(pool, url, "sa", "", new H2CompactionRule(1L << 30, 50),
                Duration.ofSeconds(1));

        assertThat(compaction.compactIfWorthwhile()).isEmpty();
        assertThat(compaction.worthwhile(new H2FileCompaction.FileState(2L << 30, 60))).isFalse();
        assertThat(compaction.worthwhile(new H2FileCompaction.FileState(2L << 30, 10))).isTrue();
    }

    @Test
    void anInMemoryDatabaseCannotBeCompacted() {
        H2FileCompaction compaction = new H2FileCompaction(pool, "jdbc:h2:mem:x", "sa", "",
                new H2CompactionRule(1, 50), Duration.ofSeconds(1));

        assertThat(compaction.supported()).isFalse();
        assertThat(compaction.state()).isEmpty();
        assertThatThrownBy(compaction::compact).isInstanceOf(BackupException.class)
                .hasMessageContaining("H2 database in a file");
    }
}
