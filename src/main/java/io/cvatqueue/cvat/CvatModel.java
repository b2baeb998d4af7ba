package io.cvatqueue.cvat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of CVAT's REST resources (schema.yml, CVAT 2.52) that the queue manager reads and writes.
 * Unknown fields are ignored so that newer CVAT versions keep working.
 */
public final class CvatModel {

    private CvatModel() {
    }

    /** {@code JobStage} in CVAT's schema. */
    public enum JobStage {
        ANNOTATION("annotation"), VALIDATION("validation"), ACCEPTANCE("acceptance");

        private final String wire;

        JobStage(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        public static JobStage fromWire(String value) {
            return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown CVAT job stage: " + value));
        }
    }

    /** {@code OperationStatus} in CVAT's schema: the job's state. Note the space in "in progress". */
    public enum JobState {
        NEW("new"), IN_PROGRESS("in progress"), COMPLETED("completed"), REJECTED("rejected");

        private final String wire;

        JobState(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        public static JobState fromWire(String value) {
            return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown CVAT job state: " + value));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BasicUser(Long id, String username, String firstName, String lastName) {
        public String displayName() {
            String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return full.isEmpty() ? username : full + " (" + username + ")";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(Long id, String username, String firstName, String lastName, String email,
                       List<String> groups, Boolean isStaff, Boolean isSuperuser, Boolean isActive) {
        public BasicUser basic() {
            return new BasicUser(id, username, firstName, lastName);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JobsSummary(Integer count, Integer completed, Integer validation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Task(Long id, String name, Long projectId, BasicUser owner, BasicUser assignee, String status,
                       Integer size, OffsetDateTime createdDate, OffsetDateTime updatedDate, JobsSummary jobs,
                       Long organization) {
    }

    /** {@code TasksSummary} in CVAT's schema: how many tasks a project has. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TasksSummary(Integer count) {
    }

    /** {@code ProjectRead}: the parts used to track a whole project. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Project(Long id, String name, BasicUser owner, String status, TasksSummary tasks,
                          Long organizationId) {

        public int taskCount() {
            return tasks == null || tasks.count() == null ? 0 : tasks.count();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IssuesSummary(Integer count) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Job(Long id, Long taskId, Long projectId, BasicUser assignee, JobStage stage, JobState state,
                      String type, Integer frameCount, Integer startFrame, Integer stopFrame,
                      OffsetDateTime createdDate, OffsetDateTime updatedDate, OffsetDateTime assigneeUpdatedDate,
                      IssuesSummary issues, Long organization) {
    }

    /** {@code PatchedJobWriteRequest}: stage and state are always sent together (stage alone resets state). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JobUpdate(Long assignee, JobStage stage, JobState state) {
    }

    /** {@code IssueWriteRequest}: a review note pinned to a frame of the job. */
    public record IssueCreate(int frame, List<Double> position, long job, String message) {
    }

    /** {@code IssueRead} (CVAT keeps the message as the issue's first comment, not in the issue). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Issue(Long id, Integer frame, Long job, String message, Boolean resolved, BasicUser owner,
                        OffsetDateTime createdDate, OffsetDateTime updatedDate) {
        public boolean isResolved() {
            return Boolean.TRUE.equals(resolved);
        }
    }

    /** {@code Label}: only what names a label in a report. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Label(Long id, String name) {
    }

    /** CVAT's paginated list envelope. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(int count, String next, String previous, List<T> results) {
    }

    /** The body of {@code GET /api/jobs/{id}/annotations/}, reduced to what is counted. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LabeledData(Integer version, List<Object> tags, List<Object> shapes, List<Object> tracks) {
        public AnnotationCounts counts() {
            return new AnnotationCounts(size(shapes), size(tracks), size(tags));
        }

        private static int size(List<?> list) {
            return list == null ? 0 : list.size();
        }
    }

    /**
     * The body of {@code GET /api/jobs/{id}/annotations/} with every object kept as CVAT sent it
     * ({@code LabeledImage}, {@code LabeledShape}, {@code LabeledTrack}), for comparing two versions of a job.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JobAnnotations(Integer version, List<com.fasterxml.jackson.databind.JsonNode> tags,
                                 List<com.fasterxml.jackson.databind.JsonNode> shapes,
                                 List<com.fasterxml.jackson.databind.JsonNode> tracks) {
    }

    public record AnnotationCounts(int shapes, int tracks, int tags) {
        public int total() {
            return shapes + tracks + tags;
        }
    }
}
