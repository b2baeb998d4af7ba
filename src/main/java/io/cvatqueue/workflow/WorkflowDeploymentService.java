package io.cvatqueue.workflow;

import io.cvatqueue.workflow.WorkflowProblem.Source;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Changes the workflow while the app runs: validates and deploys a new version of one of the app's processes with
 * a comment, lists the versions with who deployed them and how many instances run on each, compares two versions
 * and rolls back by deploying an old version's XML again as the newest.
 */
@Service
public class WorkflowDeploymentService {

    /** The deployment source of versions deployed from the admin page. */
    public static final String SOURCE = "cvat-queue-manager";
    /** Camunda keeps the deployment name, our comment, in a 255 character column. */
    static final int MAX_COMMENT = 255;
    static final String ELEMENT_TEMPLATES = "/processes/element-templates/cvat-queue-manager.json";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final WorkflowValidator validator;
    private final NamedParameterJdbcTemplate jdbc;

    public WorkflowDeploymentService(RepositoryService repository, RuntimeService runtime, WorkflowValidator validator,
                                     NamedParameterJdbcTemplate jdbc) {
        this.repository = repository;
        this.runtime = runtime;
        this.validator = validator;
        this.jdbc = jdbc;
    }

    /** What deploying this XML as a new version of the process would refuse; empty when it would deploy. */
    @Secured("ROLE_ADMIN")
    public List<WorkflowProblem> validate(String processKey, String bpmnXml) {
        List<WorkflowProblem> problems = new ArrayList<>(keyProblems(processKey, bpmnXml));
        problems.addAll(validator.validate(processKey + ".bpmn", bpmnXml.getBytes(StandardCharsets.UTF_8)));
        return problems;
    }

    /**
     * Deploys the XML as the newest version of the process. Running instances stay on their version until
     * migrated.
     *
     * @throws WorkflowValidationException with every problem when the diagram is refused; nothing is deployed
     */
    @Secured("ROLE_ADMIN")
    public WorkflowVersion deploy(String processKey, String bpmnXml, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new WorkflowException("Say in a comment what this version changes");
        }
        if (comment.strip().length() > MAX_COMMENT) {
            throw new WorkflowException("The comment is longer than " + MAX_COMMENT + " characters");
        }
        List<WorkflowProblem> keyProblems = keyProblems(processKey, bpmnXml);
        if (!keyProblems.isEmpty()) {
            throw new WorkflowValidationException(keyProblems);
        }
        DeploymentWithDefinitions deployment;
        try {
            deployment = repository.createDeployment().name(comment.strip()).source(SOURCE)
                    .addString(processKey + ".bpmn", bpmnXml).deployWithResult();
        } catch (ParseException e) {
            throw new WorkflowValidationException(problemsOf(e));
        }
        ProcessDefinition deployed = deployment.getDeployedProcessDefinitions().stream()
                .filter(d -> d.getKey().equals(processKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The deployment has no process " + processKey));
        return version(deployed, true);
    }

    /** Deploys an old version's XML again, as the newest version. */
    @Secured("ROLE_ADMIN")
    public WorkflowVersion rollback(String definitionId) {
        ProcessDefinition old = definition(definitionId);
        return deploy(old.getKey(), bpmnXml(definitionId), "Rollback to version " + old.getVersion());
    }

    /** Every version of the process, newest first. */
    @Secured("ROLE_ADMIN")
    public List<WorkflowVersion> versions(String processKey) {
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery()
                .processDefinitionKey(processKey).orderByProcessDefinitionVersion().desc().list();
        Map<String, Recorded> recorded = recorded(processKey);
        List<WorkflowVersion> versions = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            versions.add(version(definitions.get(i), i == 0, recorded));
        }
        return versions;
    }

    @Secured("ROLE_ADMIN")
    public WorkflowVersion latest(String processKey) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        if (latest == null) {
            throw new NoSuchElementException("No process '" + processKey + "' is deployed");
        }
        return version(latest, true);
    }

    /** The BPMN XML of a version, diagram included, as deployed. */
    @Secured("ROLE_ADMIN")
    public String bpmnXml(String definitionId) {
        try (InputStream in = repository.getProcessModel(definitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The element templates of the app's service tasks (processes/element-templates, also on the classpath), as
     * the JSON array Camunda Modeler and the in-app modeler read.
     */
    @Secured("ROLE_ADMIN")
    public String elementTemplates() {
        try (InputStream in = WorkflowDeploymentService.class.getResourceAsStream(ELEMENT_TEMPLATES)) {
            if (in == null) {
                throw new IllegalStateException(ELEMENT_TEMPLATES + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What changed from one version to another, by element id. */
    @Secured("ROLE_ADMIN")
    public List<ElementChange> diff(String fromDefinitionId, String toDefinitionId) {
        return WorkflowDiff.between(repository.getBpmnModelInstance(fromDefinitionId),
                repository.getBpmnModelInstance(toDefinitionId));
    }

    private WorkflowVersion version(ProcessDefinition definition, boolean latest) {
        return version(definition, latest, recorded(definition.getKey()));
    }

    private WorkflowVersion version(ProcessDefinition definition, boolean latest, Map<String, Recorded> recorded) {
        Recorded row = recorded.get(definition.getId());
        Instant deployedAt = row != null ? row.deployedAt() : repository.createDeploymentQuery()
                .deploymentId(definition.getDeploymentId()).singleResult().getDeploymentTime().toInstant();
        long running = runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count();
        return new WorkflowVersion(definition.getId(), definition.getKey(), definition.getVersion(), deployedAt,
                row == null ? null : row.deployedBy(), row == null ? null : row.comment(),
                row == null ? null : row.source(), running, latest);
    }

    private Map<String, Recorded> recorded(String processKey) {
        Map<String, Recorded> rows = new HashMap<>();
        jdbc.query("select process_definition_id, deployed_by, comment, source, deployed_at from workflow_version "
                        + "where process_key = :key", new MapSqlParameterSource("key", processKey),
                rs -> {
                    Timestamp at = rs.getTimestamp("deployed_at");
                    rows.put(rs.getString("process_definition_id"), new Recorded(rs.getString("deployed_by"),
                            rs.getString("comment"), rs.getString("source"), at.toInstant()));
                });
        return rows;
    }

    ProcessDefinition definition(String definitionId) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        if (definition == null) {
            throw new NoSuchElementException("No process version '" + definitionId + "'");
        }
        return definition;
    }

    /** The diagram must hold exactly the process it is deployed as, so a version never lands under another key. */
    private static List<WorkflowProblem> keyProblems(String processKey, String bpmnXml) {
        if (!AppProcessContract.PROCESS_KEYS.contains(processKey)) {
            return List.of(new WorkflowProblem(null, "The app has no process '" + processKey + "'", Source.CONTRACT));
        }
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmnXml.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            // the validator reports unreadable XML with the parser's message
            return List.of();
        }
        List<String> keys = model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable)
                .map(Process::getId).toList();
        if (!keys.equals(List.of(processKey))) {
            return List.of(new WorkflowProblem(keys.isEmpty() ? null : keys.get(0), "The diagram must contain one "
                    + "executable process with id '" + processKey + "' (found " + keys + ")", Source.CONTRACT));
        }
        return List.of();
    }

    static List<WorkflowProblem> problemsOf(ParseException e) {
        List<WorkflowProblem> problems = new ArrayList<>();
        for (ResourceReport report : e.getResorceReports()) {
            for (Problem problem : report.getErrors()) {
                String message = problem.getMessage();
                Source source = Source.PARSER;
                for (Source s : Source.values()) {
                    String tag = "[" + s.label() + "] ";
                    if (message != null && message.startsWith(tag)) {
                        source = s;
                        message = message.substring(tag.length());
                    }
                }
                problems.add(new WorkflowProblem(problem.getMainElementId(), message, source));
            }
        }
        if (problems.isEmpty()) {
            problems.add(new WorkflowProblem(null, e.getMessage(), Source.PARSER));
        }
        return problems;
    }

    private record Recorded(String deployedBy, String comment, String source, Instant deployedAt) {
    }
}
