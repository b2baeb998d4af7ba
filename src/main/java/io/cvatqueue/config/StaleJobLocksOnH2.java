package io.cvatqueue.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * After a crash on H2, frees the workflow jobs that the dead process had locked, so that they run at once
 * instead of after Camunda's lock time (5 minutes). Safe only because an H2 file belongs to one process at a
 * time: every lock found at start-up is a dead process's. On PostgreSQL other live nodes may hold locks, so
 * nothing is touched there; their locks expire as usual.
 */
@Component
class StaleJobLocksOnH2 extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(StaleJobLocksOnH2.class);

    private final DataSource dataSource;

    StaleJobLocksOnH2(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        if (!"h2".equals(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getDatabaseType())) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                int freed = statement.executeUpdate("update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null "
                        + "where LOCK_OWNER_ is not null");
                if (freed > 0) {
                    log.warn("Freed {} workflow job(s) locked by a process that ended without shutting down; "
                            + "they run again now", freed);
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            log.warn("Could not free stale workflow job locks (they expire by themselves): {}", e.getMessage());
        }
    }
}
