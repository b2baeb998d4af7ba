package io.cvatqueue.queue;

import io.cvatqueue.config.DataDirectories;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.cvat.migration.V11__EncryptWebhookSecrets;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.UUID;

/** The app's tables in a fresh in-memory H2 database, migrated by Flyway as at start: for plain unit tests of SQL. */
public final class AppSchema {

    private AppSchema() {
    }

    public static DataSource migratedInMemory(Path dataDir) {
        return migrated(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", ""), dataDir);
    }

    /** The app's tables in an empty database (e.g. a fresh PostgreSQL schema). */
    public static DataSource migrated(DriverManagerDataSource dataSource, Path dataDir) {
        TokenCipher cipher = new TokenCipher("unit-test-secret", new DataDirectories(dataDir.toString(),
                dataDir.toString()));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("app_schema_history")
                .javaMigrations(new V11__EncryptWebhookSecrets(cipher)).load().migrate();
        return dataSource;
    }
}
