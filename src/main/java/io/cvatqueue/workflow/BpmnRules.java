package io.cvatqueue.workflow;

import io.cvatqueue.workflow.WorkflowProblem.Source;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The checks that Camunda's parser does not make, in Java, so the server refuses what Camunda Modeler would flag
 * (bpmnlint "recommended" and camunda-compat for Camunda 7.24, the rules that matter for a running engine) and
 * what would break the app (its process keys, beans, messages, errors and tasks).
 * <p>
 * The rules come in groups: the diagram's shape ({@link StructureRules}), how elements are set up for the engine
 * ({@link ConfigurationRules}) and the app's contract ({@link AppContractRules}); all add to one list of problems.
 * Not every bpmnlint rule is here: purely cosmetic ones (overlapping shapes, superfluous gateways) are left to
 * the Modeler, whose live lint shows them while editing.
 */
public class BpmnRules {

    private final List<WorkflowProblem> problems = new ArrayList<>();
    private final AppContractRules appContract;
    private final StructureRules structure;
    private final ConfigurationRules configuration;

    private BpmnRules(Predicate<String> beanExists) {
        this.appContract = new AppContractRules(beanExists, problems);
        this.structure = new StructureRules(problems);
        this.configuration = new ConfigurationRules(appContract, problems);
    }

    /** All problems of one diagram; empty when it may be deployed. */
    public static List<WorkflowProblem> check(BpmnModelInstance model, Predicate<String> beanExists) {
        BpmnRules rules = new BpmnRules(beanExists);
        rules.run(model);
        return List.copyOf(rules.problems);
    }

    private void run(BpmnModelInstance model) {
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        List<Process> executable = processes.stream().filter(Process::isExecutable).toList();
        if (executable.isEmpty()) {
            contract(null, "The diagram has no executable process");
        }
        for (Process process : executable) {
            checkProcess(model, process);
        }
        structure.checkDiagramInterchange(model);
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            structure.checkNode(node);
            configuration.checkNode(node);
        }
        structure.checkDuplicateFlows(model);
        appContract.checkExpressions(model);
    }

    private void checkProcess(BpmnModelInstance model, Process process) {
        if (!AppProcessContract.PROCESS_KEYS.contains(process.getId())) {
            contract(process.getId(), "The process id must stay one of " + AppProcessContract.PROCESS_KEYS
                    + ": the app starts and finds its processes by these keys");
        }
        configuration.checkProcess(process);
        structure.checkScope(process.getId(), process.getFlowElements(), false);
        AppProcessContract contract = AppProcessContract.of(process.getId());
        if (contract != null) {
            appContract.checkContract(model, process, contract);
        }
    }

    private void contract(String elementId, String message) {
        problems.add(new WorkflowProblem(elementId, message, Source.CONTRACT));
    }
}
