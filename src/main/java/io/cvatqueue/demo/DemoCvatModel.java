package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;

import java.time.Instant;
import java.util.List;

/**
 * What the demo CVAT holds and answers, as immutable values; {@link DemoCvatStore} keeps the state and
 * {@link DemoCvatRules} CVAT's rules.
 */
public final class DemoCvatModel {

    private DemoCvatModel() {
    }

    public enum Role { OWNER, REVIEWER, ANNOTATOR }

    /** A CVAT user; {@code token} is what goes after {@code Token } or {@code Bearer } in the header. */
    public record User(long id, String username, String firstName, String lastName, String email, String token,
                       Role role) {
        public boolean owner() {
            return role == Role.OWNER;
        }

        /** Authorization header value as the queue manager stores it. */
        public String authorization() {
            return "Token " + token;
        }
    }

    public record Project(long id, String name) {
    }

    /** {@code mode} is CVAT's: "annotation" for image sets, "interpolation" for videos. */
    public record Task(long id, String name, long projectId, String mode, int size, int segmentSize,
                       Instant createdDate) {
    }

    public record Job(long id, long taskId, long projectId, Long assigneeId, JobStage stage, JobState state,
                      int startFrame, int stopFrame, Instant createdDate, Instant updatedDate,
                      Instant assigneeUpdatedDate, int issueCount) {
        public int frameCount() {
            return stopFrame - startFrame + 1;
        }
    }

    public record Issue(long id, long jobId, int frame, List<Double> position, long ownerId, String message,
                        Instant createdDate, boolean resolved) {
        Issue resolve() {
            return new Issue(id, jobId, frame, position, ownerId, message, createdDate, true);
        }
    }

    /** The demo's labels: every task uses the same six, with CVAT ids 1 to 6. */
    public static final List<String> LABELS = List.of("car", "pedestrian", "cyclist", "truck", "traffic sign",
            "traffic light");

    public enum ObjectKind { TAG, SHAPE, TRACK }

    /**
     * One annotation object of a job. Its content (geometry, attributes) is made up from its id and revision:
     * the same on every read until it is revised, so that two downloads can be compared.
     */
    public record AnnotationObject(long id, ObjectKind kind, int frame, long labelId, int revision) {
    }

    /** {@code TaskRead.jobs}: completed counts jobs accepted, validation counts jobs in validation. */
    public record JobsSummary(int count, int completed, int validation) {
    }

    /** How many annotations a job holds; {@code version} grows with every change. */
    public record Annotations(int version, int tags, int shapes, int tracks) {
        public int total() {
            return tags + shapes + tracks;
        }
    }

    /** {@code GET /api/jobs} filters; null means "any". {@code assignee} is a username, as in CVAT. */
    public record JobFilter(Long taskId, Long projectId, JobStage stage, JobState state, String assignee) {
        public static JobFilter all() {
            return new JobFilter(null, null, null, null, null);
        }

        public static JobFilter task(long taskId) {
            return new JobFilter(taskId, null, null, null, null);
        }
    }

    /**
     * {@code PatchedJobWriteRequest}: only the fields present in the request; {@code setsAssignee} separates
     * "assignee": null (unassign) from an absent assignee.
     */
    public record JobPatch(boolean setsAssignee, Long assignee, JobStage stage, JobState state) {
        /** All three fields, as the queue manager's client always sends them. */
        public static JobPatch of(Long assignee, JobStage stage, JobState state) {
            return new JobPatch(true, assignee, stage, state);
        }
    }
}
