package io.cvatqueue.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A diagram was refused: nothing was deployed. Carries every problem found, per element. */
public class WorkflowValidationException extends RuntimeException {

    private final transient List<WorkflowProblem> problems;

    public WorkflowValidationException(List<WorkflowProblem> problems) {
        super("The diagram was not deployed: " + problems.stream().map(WorkflowProblem::describe)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<WorkflowProblem> problems() {
        return problems;
    }
}
