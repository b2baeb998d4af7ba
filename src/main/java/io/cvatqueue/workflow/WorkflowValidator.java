package io.cvatqueue.workflow;

import io.cvatqueue.workflow.WorkflowProblem.Source;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.beans.factory.ListableBeanFactory;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a BPMN file before the engine deploys it: Camunda's own parser (the errors the engine would raise, with
 * element ids), then {@link BpmnRules} (Modeler lint and the app's contract). Used by every deployment, whichever
 * way it comes in ({@link ValidatingDeployer}), and by the admin page's "Validate".
 */
public class WorkflowValidator {

    private final ListableBeanFactory beans;
    private ProcessEngineConfigurationImpl engine;

    public WorkflowValidator(ListableBeanFactory beans) {
        this.beans = beans;
    }

    void attach(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
    }

    /** Problems of one BPMN file, outside any deployment; empty when it may be deployed. */
    public List<WorkflowProblem> validate(String resourceName, byte[] bpmn) {
        if (engine == null) {
            throw new IllegalStateException("The process engine is not built yet");
        }
        return engine.getCommandExecutorTxRequired().execute(context -> {
            DeploymentEntity scratch = new DeploymentEntity();
            scratch.setName("validation");
            return problems(resourceName, bpmn, scratch);
        });
    }

    /** Must run inside a Camunda command (the engine parser reads its configuration from the context). */
    List<WorkflowProblem> problems(String resourceName, byte[] bpmn, DeploymentEntity deployment) {
        List<WorkflowProblem> problems = new ArrayList<>(parserProblems(resourceName, bpmn, deployment));
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
        } catch (RuntimeException e) {
            if (problems.isEmpty()) {
                problems.add(new WorkflowProblem(null, "Not a valid BPMN 2.0 file: " + rootMessage(e), Source.PARSER));
            }
            return problems;
        }
        problems.addAll(BpmnRules.check(model, name -> beans.containsBean(name)));
        return problems;
    }

    private static List<WorkflowProblem> parserProblems(String resourceName, byte[] bpmn, DeploymentEntity deployment) {
        try {
            BpmnParse parse = bpmnDeployer().getBpmnParser().createParse()
                    .sourceInputStream(new ByteArrayInputStream(bpmn)).deployment(deployment).name(resourceName);
            parse.execute();
            return List.of();
        } catch (ParseException e) {
            List<WorkflowProblem> problems = new ArrayList<>();
            for (ResourceReport report : e.getResorceReports()) {
                for (Problem problem : report.getErrors()) {
                    problems.add(new WorkflowProblem(problem.getMainElementId(), problem.getMessage()
                            + (problem.getLine() > 0 ? " (line " + problem.getLine() + ")" : ""), Source.PARSER));
                }
            }
            if (problems.isEmpty()) {
                problems.add(new WorkflowProblem(null, e.getMessage(), Source.PARSER));
            }
            return problems;
        } catch (RuntimeException e) {
            return List.of(new WorkflowProblem(null, rootMessage(e), Source.PARSER));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The engine's own BPMN deployer holds its configured parser (with the engine's parse listeners). */
    private static BpmnDeployer bpmnDeployer() {
        return Context.getProcessEngineConfiguration().getDeployers().stream()
                .filter(BpmnDeployer.class::isInstance).map(BpmnDeployer.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("The engine has no BPMN deployer"));
    }
}
