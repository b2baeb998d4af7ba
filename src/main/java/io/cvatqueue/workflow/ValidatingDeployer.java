package io.cvatqueue.workflow;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs before Camunda's BPMN deployer in every new deployment (the app's own, Camunda Modeler's through
 * /engine-rest, Cockpit's): a file with problems aborts the deployment command, so its transaction rolls back and
 * nothing is deployed. The problems go out as a {@link ParseException}, which the engine REST API answers with 400
 * and the problems per element, as it does for the parser's own errors.
 */
class ValidatingDeployer implements Deployer {

    private final WorkflowValidator validator;

    ValidatingDeployer(WorkflowValidator validator) {
        this.validator = validator;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        // not new: the engine is reloading an old version into its cache, which must work whatever today's rules say
        if (!deployment.isNew()) {
            return;
        }
        for (Map.Entry<String, ResourceEntity> resource : deployment.getResources().entrySet()) {
            String name = resource.getKey();
            if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
                continue;
            }
            List<WorkflowProblem> problems = validator.problems(name, resource.getValue().getBytes(), deployment);
            if (!problems.isEmpty()) {
                List<Problem> errors = problems.stream().map(ProblemReport::new).collect(Collectors.toList());
                throw new ParseException("The diagram " + name + " was refused, nothing was deployed: "
                        + problems.stream().map(p -> "[" + p.source().label() + "] " + p.describe())
                        .collect(Collectors.joining("; ")), name, errors, List.of());
            }
        }
    }

    /** A problem as Camunda's REST API reports parser problems: message and element id, no line. */
    private record ProblemReport(WorkflowProblem problem) implements Problem {

        @Override
        public String getMessage() {
            return "[" + problem.source().label() + "] " + problem.message();
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return problem.elementId();
        }

        @Override
        public List<String> getElementIds() {
            return problem.elementId() == null ? List.of() : List.of(problem.elementId());
        }
    }
}
