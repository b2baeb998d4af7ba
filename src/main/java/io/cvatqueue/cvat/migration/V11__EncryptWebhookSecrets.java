package io.cvatqueue.cvat.migration;

import io.cvatqueue.crypto.TokenCipher;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook secrets were stored in clear text; from here on they are encrypted like the CVAT tokens
 * ({@link TokenCipher}). Renames the column to {@code webhook_secret_enc}, widens it for the ciphertext and
 * encrypts the values already there. Java, not SQL, because the key lives outside the database. Spring Boot
 * hands this bean to Flyway.
 */
@Component
public class V11__EncryptWebhookSecrets extends BaseJavaMigration {

    private final TokenCipher cipher;

    public V11__EncryptWebhookSecrets(TokenCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement ddl = context.getConnection().createStatement()) {
            // both statements read the same in H2 and PostgreSQL
            ddl.execute("alter table cvat_instance rename column webhook_secret to webhook_secret_enc");
            ddl.execute("alter table cvat_instance alter column webhook_secret_enc set data type varchar(2000)");
        }
        Map<Long, String> plain = new LinkedHashMap<>();
        try (Statement select = context.getConnection().createStatement();
             ResultSet rows = select.executeQuery(
                     "select id, webhook_secret_enc from cvat_instance where webhook_secret_enc is not null")) {
            while (rows.next()) {
                plain.put(rows.getLong(1), rows.getString(2));
            }
        }
        try (PreparedStatement update = context.getConnection().prepareStatement(
                "update cvat_instance set webhook_secret_enc = ? where id = ?")) {
            for (Map.Entry<Long, String> row : plain.entrySet()) {
                update.setString(1, cipher.encrypt(row.getValue()));
                update.setLong(2, row.getKey());
                update.addBatch();
            }
            if (!plain.isEmpty()) {
                update.executeBatch();
            }
        }
    }
}
