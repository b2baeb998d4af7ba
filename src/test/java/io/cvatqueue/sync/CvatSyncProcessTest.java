package io.cvatqueue.sync;

import io.cvatqueue.settings.WorkflowSettingsService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * processes/cvat-sync.bpmn on an in-memory engine: the timer start event starts one sync per cycle, with the
 * interval from the workflow settings, and records what the sync did. The sync itself is a mock.
 */
@Deployment(resources = "processes/cvat-sync.bpmn")
class CvatSyncProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder(inMemoryEngine())
            .assertClassCoverageAtLeast(1.0)
            .build();

    private final SyncService sync = mock(SyncService.class);
    private final WorkflowSettingsService settings = mock(WorkflowSettingsService.class);

    /** Injected by the extension. */
    ProcessEngine processEngine;

    private static ProcessEngineConfiguration inMemoryEngine() {
        ProcessCoverageInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:cvat-sync-process;DB_CLOSE_DELAY=1000");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        return configuration;
    }

    @BeforeEach
    void registerBeans() {
        when(settings.syncCycle()).thenReturn("R/PT5M");
        Mocks.register("workflowSettings", settings);
        Mocks.register("syncTrackedTasks", new SyncTrackedTasksDelegate(sync));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void eachDueTimerRunsOneSyncAndRecordsWhatItDid() {
        when(sync.syncAll("sync timer")).thenReturn(new SyncResult(3, 1, 7));

        processEngine.getManagementService().executeJob(timer().getId());

        verify(sync).syncAll("sync timer");
        HistoricProcessInstance cycle = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("cvat-sync").singleResult();
        assertThat(cycle.getEndTime()).as("the cycle has ended").isNotNull();
        Map<String, Object> recorded = processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(cycle.getId()).list().stream()
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
        assertThat(recorded).containsEntry("queued", 3).containsEntry("requeued", 1).containsEntry("skipped", 7);
        assertThat(timer()).as("the next cycle is scheduled").isNotNull();
    }

    @Test
    void aFailingSyncIsRetriedLeavesNoHalfCycleBehindAndTheNextCycleStillComes() {
        when(sync.syncAll("sync timer")).thenThrow(new IllegalStateException("database gone"));
        Job first = timer();

        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(first.getId()))
                .hasMessageContaining("database gone");

        verify(sync, times(1)).syncAll("sync timer");
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        var timers = processEngine.getManagementService().createJobQuery().timers().list();
        assertThat(timers).hasSize(2);
        assertThat(timers).filteredOn(job -> job.getId().equals(first.getId())).singleElement()
                .satisfies(failed -> assertThat(failed.getRetries()).as("the failed cycle is tried again")
                        .isEqualTo(first.getRetries() - 1));
        assertThat(timers).filteredOn(job -> !job.getId().equals(first.getId())).as("the next cycle").hasSize(1);
    }

    private Job timer() {
        return processEngine.getManagementService().createJobQuery().timers().singleResult();
    }
}
