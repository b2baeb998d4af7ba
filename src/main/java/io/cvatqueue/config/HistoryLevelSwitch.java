package io.cvatqueue.config;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the app's history level ({@link TaskHistoryLevel}) and lets a database created with another history
 * level start with the configured one
 * ({@code camunda.bpm.history-level}). Camunda records the level in {@code ACT_GE_PROPERTY} on first start and
 * refuses to start when the configuration differs; the app chose a lower level ({@code tasks}, see README,
 * Workflow) after databases with {@code full} existed. The history already written stays; only new
 * events follow the new level. A fresh database has no such row yet and is left to the engine.
 */
@Component
class HistoryLevelSwitch extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(HistoryLevelSwitch.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = new ArrayList<>(configuration.getCustomHistoryLevels() == null ? List.of()
                : configuration.getCustomHistoryLevels());
        levels.add(new TaskHistoryLevel());
        configuration.setCustomHistoryLevels(levels);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        HistoryLevel level = configuration.getHistoryLevel();
        String table = configuration.getDatabaseTablePrefix() + "ACT_GE_PROPERTY";
        try (Connection connection = configuration.getDataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (PreparedStatement update = connection.prepareStatement("update " + table
                    + " set VALUE_ = ?, REV_ = REV_ + 1 where NAME_ = 'historyLevel' and VALUE_ <> ?")) {
                update.setString(1, Integer.toString(level.getId()));
                update.setString(2, Integer.toString(level.getId()));
                if (update.executeUpdate() > 0) {
                    log.info("Camunda history level changed to {}; history written before stays", level.getName());
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // no engine tables yet: the engine creates them with the configured level
            log.debug("History level not switched: {}", e.getMessage());
        }
    }
}
