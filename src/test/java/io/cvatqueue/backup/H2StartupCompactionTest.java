package io.cvatqueue.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The H2 file is shrunk at start when most of it is garbage, keeps every row, and is left alone otherwise. */
class H2StartupCompactionTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsMostlyGarbageIsCompactedAtStartAndKeepsItsRows() throws Exception {
        String url = url();
        churn(url, 1500);
        long before = Files.size(dir.resolve("queue.mv.db"));

        compaction(url, "0").postProcessBeanFactory(null);

        long after = Files.size(dir.resolve("queue.mv.db"));
        assertThat(after).as("file size after compaction (before: %d bytes)", before).isLessThan(before / 3);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet count = connection.createStatement().executeQuery("select count(*), sum(n) from review")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(1500);
            assertThat(count.getLong(2)).isEqualTo(500);
        }
    }

    @Test
    void aFileBelowTheSizeLimitIsLeftAsItIs() throws Exception {
        String url = url();
        churn(url, 300);
        Path file = dir.resolve("queue.mv.db");
        long size = Files.size(file);
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);

        compaction(url, "64").postProcessBeanFactory(null);

        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    }

    @Test
    void aFileH2CannotOpenIsLeftToTheAppsOwnStartWhichReportsIt() throws Exception {
        Files.write(dir.resolve("queue.mv.db"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatCode(() -> compaction(url(), "0").postProcessBeanFactory(null)).doesNotThrowAnyException();

        assertThat(Files.readAllBytes(dir.resolve("queue.mv.db"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("queue").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    private static H2StartupCompaction compaction(String url, String aboveMegabytes) {
        H2StartupCompaction compaction = new H2StartupCompaction();
        compaction.setEnvironment(new MockEnvironment().withProperty("spring.datasource.url", url)
                .withProperty("app.h2.compact-above-mb", aboveMegabytes));
        return compaction;
    }

    /** Many small commits that insert, update and delete, as the engine's steps do: a file of mostly old chunks. */
    private static void churn(String url, int rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("create table review (id int primary key, n int, note varchar(200))");
            connection.createStatement().execute("create table step (id int, note varchar(200))");
            PreparedStatement insert = connection.prepareStatement("insert into review values (?, 0, ?)");
            PreparedStatement step = connection.prepareStatement("insert into step values (?, ?)");
            PreparedStatement done = connection.prepareStatement("delete from step where id = ?");
            PreparedStatement update = connection.prepareStatement("update review set n = n + 1 where id = ?");
            for (int i = 0; i < rows; i++) {
                insert.setInt(1, i);
                insert.setString(2, "x".repeat(150));
                insert.executeUpdate();
                step.setInt(1, i);
                step.setString(2, "y".repeat(150));
                step.executeUpdate();
                if (i % 3 == 0) {
                    update.setInt(1, i);
                    update.executeUpdate();
                    done.setInt(1, i);
                    done.executeUpdate();
                }
            }
        }
    }
}
