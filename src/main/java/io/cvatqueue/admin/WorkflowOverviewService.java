package io.cvatqueue.admin;

import io.cvatqueue.workflow.AppProcessContract;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * What the deployed workflow looks like and where its running instances are, read from Camunda for the admin's
 * workflow page. Counts cover every deployed version of a process, because instances started before a
 * redeployment keep running on their old version.
 */
@Service
public class WorkflowOverviewService {

    /** The app's processes (processes/*.bpmn), in the order the admin page offers them. */
    public static final List<String> PROCESS_KEYS = AppProcessContract.PROCESS_KEYS;

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;

    public WorkflowOverviewService(RepositoryService repository, RuntimeService runtime,
                                   ManagementService management) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
    }

    /** The latest deployed version of each of the app's processes. */
    @Secured("ROLE_ADMIN")
    public List<DeployedProcess> processes() {
        return PROCESS_KEYS.stream()
                .map(key -> repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                        .singleResult())
                .filter(java.util.Objects::nonNull)
                .map(this::describe)
                .toList();
    }

    @Secured("ROLE_ADMIN")
    public DeployedProcess latest(String processKey) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        if (definition == null) {
            throw new NoSuchElementException("No process '" + processKey + "' is deployed");
        }
        return describe(definition);
    }

    /** The BPMN 2.0 XML of a deployed version, diagram included, as the engine stores it. */
    @Secured("ROLE_ADMIN")
    public String bpmnXml(String definitionId) {
        try (InputStream in = repository.getProcessModel(definitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For each step of the process (its activities and intermediate catch events, left to right as drawn): how many
     * active instances wait there, how many of their jobs failed for good and how many incidents are open.
     * Steps of older versions that the latest one no longer has are listed after it.
     */
    @Secured("ROLE_ADMIN")
    public List<StepCount> stepCounts(String processKey) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        if (latest == null) {
            throw new NoSuchElementException("No process '" + processKey + "' is deployed");
        }
        Map<String, StepCount> steps = new LinkedHashMap<>();
        BpmnModelInstance model = repository.getBpmnModelInstance(latest.getId());
        Map<String, Bounds> drawnAt = model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement() != null && shape.getBounds() != null)
                .collect(Collectors.toMap(shape -> shape.getBpmnElement().getId(), BpmnShape::getBounds, (a, b) -> a));
        List<FlowNode> nodes = model.getModelElementsByType(FlowNode.class).stream()
                .sorted(Comparator.comparing((FlowNode n) -> x(drawnAt.get(n.getId())))
                        .thenComparing(n -> y(drawnAt.get(n.getId()))))
                .toList();
        for (FlowNode node : nodes) {
            if (node instanceof Activity || node instanceof IntermediateCatchEvent) {
                steps.put(node.getId(), new StepCount(node.getId(), label(node), node.getElementType().getTypeName(),
                        0, 0, 0));
            }
        }
        for (ProcessDefinition version : repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .list()) {
            List<ActivityStatistics> statistics = management.createActivityStatisticsQuery(version.getId())
                    .includeFailedJobs().includeIncidents().list();
            for (ActivityStatistics s : statistics) {
                int incidents = s.getIncidentStatistics().stream().mapToInt(IncidentStatistics::getIncidentCount)
                        .sum();
                steps.merge(s.getId(), new StepCount(s.getId(), s.getId(), "", s.getInstances(), s.getFailedJobs(),
                        incidents), StepCount::plus);
            }
        }
        return new ArrayList<>(steps.values());
    }

    private DeployedProcess describe(ProcessDefinition definition) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId())
                .singleResult();
        long versions = repository.createProcessDefinitionQuery().processDefinitionKey(definition.getKey()).count();
        long active = runtime.createProcessInstanceQuery().processDefinitionKey(definition.getKey()).active()
                .count();
        // a timer start event (the sync's interval) is a job without a process instance
        Instant nextStart = management.createJobQuery().processDefinitionKey(definition.getKey()).timers().list()
                .stream().filter(job -> job.getProcessInstanceId() == null).map(Job::getDuedate)
                .filter(java.util.Objects::nonNull).map(java.util.Date::toInstant).min(Comparator.naturalOrder())
                .orElse(null);
        return new DeployedProcess(definition.getId(), definition.getKey(),
                definition.getName() == null ? definition.getKey() : definition.getName(), definition.getVersion(),
                versions, deployment == null ? null : deployment.getDeploymentTime().toInstant(), active, nextStart);
    }

    private static double x(Bounds bounds) {
        return bounds == null ? Double.MAX_VALUE : bounds.getX();
    }

    private static double y(Bounds bounds) {
        return bounds == null ? Double.MAX_VALUE : bounds.getY();
    }

    private static String label(FlowNode node) {
        String name = node.getName();
        return name == null || name.isBlank() ? node.getId() : name.replace('\n', ' ');
    }

    /**
     * @param definitionId     id of this version, e.g. for Cockpit links
     * @param versionCount     how many versions of the process are deployed
     * @param activeInstances  running instances over all versions
     * @param nextTimerStart   when a timer start event next starts an instance, or null
     */
    public record DeployedProcess(String definitionId, String key, String name, int version, long versionCount,
                                  Instant deployedAt, long activeInstances, Instant nextTimerStart) {
    }

    /**
     * @param waiting    active process instances at this step
     * @param failedJobs jobs of this step with no retries left
     * @param incidents  open incidents at this step
     */
    public record StepCount(String activityId, String name, String type, int waiting, int failedJobs,
                            int incidents) {

        StepCount plus(StepCount other) {
            return new StepCount(activityId, name, type, waiting + other.waiting, failedJobs + other.failedJobs,
                    incidents + other.incidents);
        }

        public boolean busy() {
            return waiting > 0 || failedJobs > 0 || incidents > 0;
        }
    }
}
