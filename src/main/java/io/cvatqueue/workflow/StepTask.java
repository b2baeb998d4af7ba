package io.cvatqueue.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user task an admin added to the workflow (not one of the app's review tasks), with the form its
 * camunda:formData describes.
 *
 * @param businessKey the review's business key, instanceId:jobId
 */
public record StepTask(String taskId, String name, String processKey, String businessKey, Long cvatJobId,
                       Instant created, String assignee, List<Field> fields) {

    public enum FieldType {
        STRING, LONG, BOOLEAN, ENUM, DATE
    }

    /**
     * @param defaultValue typed as the field: String, Long, Boolean, String (enum key) or LocalDate
     * @param options      enum keys to labels, in the diagram's order; empty for other types
     */
    public record Field(String id, String label, FieldType type, boolean required, Object defaultValue,
                        Map<String, String> options) {
    }
}
