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

import java.sql.SQLException;

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

    private static String schema;
    private static final CvatFake cvat = new CvatFake().acceptsToken("Token pg-key", 5, "pg.user");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AccountService accounts;

    static boolean postgresAvailable() {
        return PostgresTestSchema.available();
    }

    @DynamicPropertySource
    static void ownSchemaNextToAnotherDeployment(DynamicPropertyRegistry registry) throws SQLException {
        // another deployment's Camunda tables in the same database, as when two teams share one server
        String neighbour = PostgresTestSchema.create("cqm_neighbour_");
        PostgresTestSchema.execute("create table " + neighbour + ".act_ge_property (name_ varchar(64) primary key, "
                + "value_ varchar(300), rev_ integer)");
        PostgresTestSchema.execute("create table " + neighbour + ".act_ru_execution (id_ varchar(64) primary key)");
        schema = PostgresTestSchema.createFor(registry, "cqm_test_");
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void appStartsWithItsTablesAndCamundasInTheRunsSchemaThoughAnotherSchemaHoldsCamundaTables() {
        assertThat(jdbc.queryForObject("select current_schema()", String.class)).isEqualTo(schema);
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
                Long.class, schema, table);
        return count == null ? 0 : count;
    }
}
