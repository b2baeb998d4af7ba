package io.cvatqueue.workflow;

/**
 * One reason a diagram cannot be deployed, tied to the element it is about (null for the whole file).
 *
 * @param source who found it: the Camunda parser, the Modeler lint rules or the app's contract
 */
public record WorkflowProblem(String elementId, String message, Source source) {

    public enum Source {
        PARSER("Camunda parser"), LINT("Modeler lint"), CONTRACT("App contract");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** "Task_Review: message", as the Modeler and the admin page show it. */
    public String describe() {
        return (elementId == null ? "" : elementId + ": ") + message;
    }
}
