package io.cvatqueue;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A schema of its own on the local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}) for a
 * Spring test of the {@code postgres} profile, so runs never see each other's tables. It is dropped when the JVM
 * ends, after the test's context has closed: Camunda still writes while closing.
 */
public final class PostgresTestSchema {

    public static final String SERVER_URL = System.getProperty("test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = "postgres";

    private PostgresTestSchema() {
    }

    /**
     * For {@code @EnabledIf}: true when the local PostgreSQL answers. When it does not and {@code REQUIRE_POSTGRES=1}
     * (set by .ci/run), it fails instead of skipping.
     */
    public static boolean available() {
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

    /**
     * Creates a schema named {@code prefix} and a random suffix and points the app's data source at it
     * ({@code currentSchema} puts Flyway's and Camunda's tables there).
     *
     * @return the schema's name
     */
    public static String createFor(DynamicPropertyRegistry registry, String prefix) throws SQLException {
        String schema = create(prefix);
        registry.add("spring.datasource.url", () -> SERVER_URL + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        return schema;
    }

    /** A schema named {@code prefix} and a random suffix, dropped when the JVM ends. */
    public static String create(String prefix) throws SQLException {
        String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create schema " + schema);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("drop schema if exists " + schema + " cascade");
            } catch (SQLException e) {
                System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
            }
        }));
        return schema;
    }

    public static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, "")) {
            connection.createStatement().execute(sql);
        }
    }
}
