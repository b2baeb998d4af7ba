package io.cvatqueue.workflow;

import io.cvatqueue.workflow.WorkflowProblem.Source;

import java.util.List;

/** A group of Camunda Modeler lint rules in {@link BpmnRules}, adding to the diagram's one list of problems. */
abstract class LintRules {

    private final List<WorkflowProblem> problems;

    LintRules(List<WorkflowProblem> problems) {
        this.problems = problems;
    }

    final void lint(String elementId, String message) {
        problems.add(new WorkflowProblem(elementId, message, Source.LINT));
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
