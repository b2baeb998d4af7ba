package io.cvatqueue;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Registration;
import io.cvatqueue.account.Role;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code postgres} profile against the local PostgreSQL (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}). Each run works in a schema of its own, dropped afterwards, so runs never see each other's
 * tables. Skipped when no PostgreSQL answers, unless {@code REQUIRE_POSTGRES=1} (set by {@code .ci/run}).
 */
@SpringBootTest
@ActiveProfiles({"test", "postgres"})
@EnabledIf("postgresAvailable")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresStartupTest {

    private static final String SERVER_URL = System.getProperty("test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = "postgres";
    private static final String SCHEMA = "cqm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final CvatFake cvat = new CvatFake().acceptsToken("Token pg-key", 5, "pg.user");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AccountService accounts;

    static boolean postgresAvailable() {
        try (Connection ignored = DriverManager.getConnection(SERVER_URL, USER, "")) {
            return true;
        } catch (SQLException e) {
            if ("1".equals(System.getenv("REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("REQUIRE_POSTGRES=1 but PostgreSQL at " + SERVER_URL
                        + " cannot be reached: " + e.getMessage(), e);
            }
            return false;
        }
    }

    @DynamicPropertySource
    static void ownSchema(DynamicPropertyRegistry registry) throws SQLException {
        execute("create schema " + SCHEMA);
        // dropped when the JVM ends, after @DirtiesContext has closed the app: Camunda still writes while closing
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("drop schema if exists " + SCHEMA + " cascade");
            } catch (SQLException e) {
                System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
            }
        }));
        // currentSchema puts Flyway's and Camunda's tables into the new schema
        registry.add("spring.datasource.url", () -> SERVER_URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void appStartsWithItsTablesAndCamundasInTheRunsSchema() {
        assertThat(jdbc.queryForObject("select current_schema()", String.class)).isEqualTo(SCHEMA);
        assertThat(tableCount("app_user")).isEqualTo(1);
        assertThat(tableCount("app_schema_history")).isEqualTo(1);
        assertThat(tableCount("act_ru_execution")).isEqualTo(1);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isNotNegative();
    }

    @Test
    void accountsAreStoredInPostgres() {
        AppUser saved = accounts.register(new Registration("pg-admin", TestAccounts.PASSWORD, cvat.baseUrl(), "pg-key"));

        assertThat(saved.role()).isEqualTo(Role.ADMIN);
        assertThat(jdbc.queryForObject("select cvat_username from app_user where username = 'pg-admin'", String.class))
                .isEqualTo("pg.user");
    }

    private long tableCount(String table) {
        Long count = jdbc.queryForObject(
                "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                Long.class, SCHEMA, table);
        return count == null ? 0 : count;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, "")) {
            connection.createStatement().execute(sql);
        }
    }
}
