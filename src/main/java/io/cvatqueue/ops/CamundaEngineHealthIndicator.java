package io.cvatqueue.ops;

import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * "camundaEngine" in /actuator/health: the process engine answers a query against its tables and the review
 * process is deployed. (Camunda's own "processEngine" indicator only reports that the engine object exists.)
 * Open incidents are shown as a detail: they need an admin in Cockpit but do not make the app unhealthy.
 */
@Component
class CamundaEngineHealthIndicator extends AbstractHealthIndicator {

    private final ProcessEngine engine;

    CamundaEngineHealthIndicator(ProcessEngine engine) {
        super("Camunda process engine check failed");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long reviewDefinitions = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ReviewVariables.PROCESS_KEY).count();
        long incidents = engine.getRuntimeService().createIncidentQuery().count();
        (reviewDefinitions > 0 ? builder.up() : builder.down().withDetail("error",
                "The process " + ReviewVariables.PROCESS_KEY + " is not deployed"))
                .withDetail("engine", engine.getName())
                .withDetail("openIncidents", incidents);
    }
}
