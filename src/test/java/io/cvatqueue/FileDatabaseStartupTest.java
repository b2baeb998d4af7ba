package io.cvatqueue;

import io.cvatqueue.config.DataDirectories;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as {@code ./mvnw spring-boot:run} and the jar start it: no profile, the H2 file database and the
 * generated token key under DATA_DIR. Only the data directory and the job executor differ from production.
 */
@SpringBootTest(properties = {"camunda.bpm.job-execution.enabled=false", "app.secret-key="})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FileDatabaseStartupTest {

    @TempDir
    static Path dataDir;

    @Autowired
    DataDirectories directories;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("app.data-dir", () -> dataDir.resolve("data").toString());
        registry.add("app.backup-dir", () -> dataDir.resolve("backups").toString());
    }

    @Test
    void appKeepsDatabaseAndKeyInDataDir() {
        assertThat(directories.dataDir()).isEqualTo(dataDir.resolve("data"));
        assertThat(dataDir.resolve("data/queue.mv.db")).exists();
        assertThat(dataDir.resolve("data/secret.key")).exists();
        assertThat(dataDir.resolve("backups")).isDirectory();
    }

    @Test
    void flywayAndCamundaCreateTheirTables() {
        assertThat(jdbc.queryForObject("select count(*) from app_schema_history where success", Long.class))
                .isPositive();
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).isZero();
        assertThat(engine.getName()).isEqualTo("default");
        assertThat(engine.getManagementService().getTableCount()).containsKey("ACT_RU_EXECUTION");
    }
}
