package io.cvatqueue.cvat.migration;

import io.cvatqueue.config.DataDirectories;
import io.cvatqueue.crypto.TokenCipher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Upgrading a database whose webhook secrets are in clear text encrypts them in place. */
class WebhookSecretMigrationTest {

    @Test
    void plainWebhookSecretsAreEncryptedAndStillVerifyAfterTheUpgrade() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(db);
        TokenCipher cipher = new TokenCipher("migration-test-key", new DataDirectories("target/test-data",
                "target/test-backups"));
        flyway(db, cipher).target("10").load().migrate();
        jdbc.update("insert into cvat_instance (name, base_url, webhook_secret, created_at) "
                + "values ('a', 'https://a.example.com', 'plain-secret-1', current_timestamp)");
        jdbc.update("insert into cvat_instance (name, base_url, webhook_secret, created_at) "
                + "values ('b', 'https://b.example.com', null, current_timestamp)");

        flyway(db, cipher).load().migrate();

        String a = jdbc.queryForObject("select webhook_secret_enc from cvat_instance where name = 'a'", String.class);
        assertThat(a).doesNotContain("plain-secret-1");
        assertThat(cipher.decrypt(a)).isEqualTo("plain-secret-1");
        assertThat(jdbc.queryForObject("select webhook_secret_enc from cvat_instance where name = 'b'", String.class))
                .isNull();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DriverManagerDataSource db,
                                                                                  TokenCipher cipher) {
        return Flyway.configure().dataSource(db).locations("classpath:db/migration").table("app_schema_history")
                .javaMigrations(new V11__EncryptWebhookSecrets(cipher));
    }
}
