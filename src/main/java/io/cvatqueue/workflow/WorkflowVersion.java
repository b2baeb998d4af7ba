package io.cvatqueue.workflow;

import java.time.Instant;

/**
 * One deployed version of a process.
 *
 * @param deployedBy       the app account that deployed it, "system" for the classpath at start, null when the app
 *                         did not record it (deployed before the app kept records)
 * @param comment          the deployment's name: the admin's comment, Camunda Modeler's deployment name
 * @param source           "classpath", "cvat-queue-manager" (the admin page), "Camunda Modeler", ...
 * @param runningInstances active and suspended process instances on this version
 */
public record WorkflowVersion(String definitionId, String processKey, int version, Instant deployedAt,
                              String deployedBy, String comment, String source, long runningInstances,
                              boolean latest) {

    public String label() {
        return "Version " + version + (comment == null || comment.isBlank() ? "" : ": " + comment);
    }
}
