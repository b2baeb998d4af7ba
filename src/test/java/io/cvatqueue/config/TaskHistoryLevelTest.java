package io.cvatqueue.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TaskHistoryLevelTest {

    private ProcessEngine engine;

    @BeforeEach
    void engineWithTheAppsHistoryLevel() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:task-history-" + UUID.randomUUID());
        configuration.setCustomHistoryLevels(List.of(new TaskHistoryLevel()));
        configuration.setHistory(TaskHistoryLevel.NAME);
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn",
                Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
                        .startEvent("start").serviceTask("auto").camundaExpression("${true}")
                        .exclusiveGateway("gateway")
                        .userTask("review").camundaAssignee("rita")
                        .endEvent("end").done()).deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void keepsProcessAndUserTaskInstancesButNotEventsGatewaysServiceTasksOrVariables() {
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("p",
                Variables.createVariables().putValue("reviewId", 7L));
        engine.getTaskService().complete(engine.getTaskService().createTaskQuery().singleResult().getId(),
                Variables.createVariables().putValue("decision", "APPROVED"));

        var history = engine.getHistoryService();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).finished()
                .count()).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().list())
                .extracting(HistoricActivityInstance::getActivityId).containsExactly("review");
        assertThat(history.createHistoricTaskInstanceQuery().taskAssignee("rita").finished().count()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().count()).isZero();
        assertThat(history.createHistoricDetailQuery().count()).isZero();
    }
}
