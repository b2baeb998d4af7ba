package io.cvatqueue.config;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Tells Camunda which PostgreSQL schema holds its tables: the connection's current schema (the database URL's
 * {@code currentSchema}, else the first of the search path). Without it Camunda asks whether its tables exist in
 * any schema of the database, so a deployment in a schema of its own next to another one in the same database finds
 * the other's tables, creates none of its own and fails ("relation act_ge_property does not exist"). An explicit
 * {@code camunda.bpm.database.schema-name} or {@code table-prefix} wins; nothing to do on H2, whose file is the
 * app's alone.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1) // sets the table prefix before CamundaSqlMappingsAhead compares it
class CamundaSchemaOnPostgres extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(CamundaSchemaOnPostgres.class);

    private final DataSource dataSource;

    CamundaSchemaOnPostgres(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        String prefix = configuration.getDatabaseTablePrefix();
        if (configuration.getDatabaseSchema() != null || (prefix != null && !prefix.isEmpty())) {
            return; // set explicitly
        }
        if (configuration.getDatabaseType() == null) {
            configuration.initDatabaseType(); // what the engine does next anyway, one step earlier
        }
        if (!"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            String schema = connection.getSchema();
            if (schema != null) {
                configuration.setDatabaseSchema(schema);
                configuration.setDatabaseTablePrefix(schema + "."); // Camunda wants both or neither
                log.info("Camunda's tables are in the PostgreSQL schema {}", schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database's current schema: " + e.getMessage(), e);
        }
    }
}
