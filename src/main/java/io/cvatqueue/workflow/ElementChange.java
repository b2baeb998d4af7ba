package io.cvatqueue.workflow;

/**
 * How one BPMN element differs between two versions.
 *
 * @param detail for a change, what changed ("name", "camunda:assignee", "condition", ...)
 */
public record ElementChange(String elementId, String name, String type, Kind kind, String detail) {

    public enum Kind {
        ADDED, REMOVED, CHANGED
    }
}
