package io.cvatqueue.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryLevelSwitchTest {

    private final String url = "jdbc:h2:mem:history-switch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void aDatabaseCreatedWithFullHistoryStartsWithTheAppsLevel() {
        engine(ProcessEngineConfiguration.HISTORY_FULL, List.of()).close();

        ProcessEngine switched = engine(TaskHistoryLevel.NAME, List.of(new HistoryLevelSwitch()));

        assertThat(switched.getProcessEngineConfiguration().getHistory()).isEqualTo(TaskHistoryLevel.NAME);
        assertThat(switched.getManagementService().getProperties()).containsEntry("historyLevel",
                Integer.toString(TaskHistoryLevel.ID));
        switched.close();
    }

    @Test
    void withoutTheSwitchCamundaRefusesTheChangedLevel() {
        engine(ProcessEngineConfiguration.HISTORY_FULL, List.of()).close();

        assertThatThrownBy(() -> engine(ProcessEngineConfiguration.HISTORY_ACTIVITY, List.of()))
                .hasMessageContaining("historyLevel mismatch");
    }

    private ProcessEngine engine(String history, List<ProcessEnginePlugin> plugins) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setJdbcUrl(url);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("history-switch-" + UUID.randomUUID());
        configuration.setHistory(history);
        configuration.getProcessEnginePlugins().addAll(plugins);
        return configuration.buildProcessEngine();
    }
}
