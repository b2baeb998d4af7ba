package io.cvatqueue.config;

import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets app nodes that share one PostgreSQL database start one at a time: Camunda creates or updates its schema
 * and deploys processes/ while the engine is built, and two nodes doing that at once on an empty schema collide
 * (ENGINE-03015, duplicate key in pg_type). A session-level advisory lock, taken before the engine is built and
 * released once the application is ready (or its context closes), serialises exactly that part. Nothing to do on H2, which
 * one node owns.
 */
@Component
class ClusterStartupLock extends AbstractProcessEnginePlugin {

    /** Any constant; the same on every node. Flyway uses its own advisory lock for the app's tables. */
    private static final long LOCK_KEY = 0x637661_71756575L; // "cvaqueue"
    private static final Logger log = LoggerFactory.getLogger(ClusterStartupLock.class);

    private final DataSource dataSource;
    private Connection holder;

    ClusterStartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection connection = dataSource.getConnection();
            if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                connection.close();
                return;
            }
            connection.setAutoCommit(true);
            log.info("Waiting for other nodes to finish starting (PostgreSQL advisory lock)");
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
            }
            holder = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the start-up lock in the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        // held on until the processes are deployed and the app is ready: see release()
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        release();
    }

    @PreDestroy
    void close() {
        release();
    }

    private synchronized void release() {
        if (holder == null) {
            return;
        }
        try (Connection connection = holder; Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
        } catch (SQLException e) {
            log.warn("Could not release the start-up lock (it ends with the connection): {}", e.getMessage());
        } finally {
            holder = null;
        }
    }
}
