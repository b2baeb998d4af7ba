package io.cvatqueue.review;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Names of the process variables of processes/job-review.bpmn: the one place they are spelled, with typed
 * accessors for delegates and listeners.
 */
public final class ReviewVariables {

    public static final String PROCESS_KEY = "job-review";
    public static final String MESSAGE_ANNOTATION_COMPLETED = "annotationCompleted";
    public static final String ERROR_JOB_DELETED = "JOB_DELETED";
    /** Correlated when the app finds a review's job gone from CVAT outside a CVAT call of the workflow. */
    public static final String MESSAGE_JOB_DELETED = "jobDeleted";
    /** Correlated when an admin adopts a change made in CVAT outside the workflow that ends the review. */
    public static final String MESSAGE_CVAT_STATE_ADOPTED = "cvatStateAdopted";

    public static final String TASK_ASSIGN_REVIEWER = "Task_AssignReviewer";
    public static final String TASK_START_REVIEW = "Task_StartReview";
    public static final String TASK_MARK_JOB_IN_REVIEW = "Task_MarkJobInReview";
    public static final String TASK_REVIEW = "Task_Review";

    public static final String REVIEW_ID = "reviewId";
    public static final String INSTANCE_ID = "instanceId";
    public static final String TASK_ID = "taskId";
    public static final String JOB_ID = "jobId";
    public static final String REVIEWER = "reviewer";
    public static final String SAMPLED = "sampled";
    public static final String DECISION = "decision";
    public static final String REJECTION_REASON = "rejectionReason";
    public static final String REVIEW_NOTE = "reviewNote";
    public static final String DECIDED_BY = "decidedBy";
    public static final String END_REASON = "endReason";
    /** How a review ended by an adopted CVAT change closes: a {@link ReviewStatus} name. */
    public static final String ADOPTED_STATUS = "adoptedStatus";

    /**
     * Whether the reviewer who rejected a job is present when its rework comes back (transient: only the gateway
     * after Task_CheckReviewerAvailable reads it).
     */
    public static final String REVIEWER_AVAILABLE = "reviewerAvailable";

    /** The review's priority by name (LOW, NORMAL, HIGH, URGENT): the SLA timers take their duration from it. */
    public static final String PRIORITY = "priority";

    public static final String DECISION_APPROVED = "APPROVED";
    public static final String DECISION_REJECTED = "REJECTED";

    private ReviewVariables() {
    }

    /**
     * The variables a review starts with: what identifies the review and its job, which admins' own workflow steps
     * may test (e.g. {@code ${taskId == 12}}). The annotator is on the review row only: every variable costs a
     * runtime row per review. {@code sampled} is transient (Camunda keeps it until the start
     * transaction's first wait state and writes no row for it): only the gateway after the start reads it.
     * {@code reviewer} is set by the auto-assignment that follows ({@link #chooseReviewer}).
     */
    public static VariableMap atStart(long reviewId, long instanceId, long taskId, long jobId,
                                      io.cvatqueue.settings.Priority priority, boolean sampled) {
        return Variables.createVariables()
                .putValue(REVIEW_ID, reviewId)
                .putValue(INSTANCE_ID, instanceId)
                .putValue(TASK_ID, taskId)
                .putValue(JOB_ID, jobId)
                .putValue(PRIORITY, priority.name())
                .putValueTyped(SAMPLED, Variables.booleanValue(sampled, true));
    }

    /**
     * The outcome of auto-assignment: the reviewer is stored for the rest of the process; without one,
     * {@code reviewer} is an empty transient variable for the gateway that sends the review to the admins (unless
     * the process has one already).
     */
    public static void chooseReviewer(VariableScope scope, String reviewer) {
        if (reviewer != null) {
            scope.setVariable(REVIEWER, reviewer);
        } else if (!scope.hasVariable(REVIEWER)) {
            scope.setVariable(REVIEWER, Variables.stringValue(null, true));
        }
    }

    /** The outcome of the away check for {@link #REVIEWER_AVAILABLE}: a transient variable, no row is written. */
    public static void reviewerAvailable(VariableScope scope, boolean available) {
        scope.setVariable(REVIEWER_AVAILABLE, Variables.booleanValue(available, true));
    }

    /** The review's id, as the process holds it (a Long, or an Integer after a round trip through some APIs). */
    public static long reviewId(VariableScope scope) {
        Object value = scope.getVariable(REVIEW_ID);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("Process variable " + REVIEW_ID + " is missing or not a number: " + value);
        }
        return number.longValue();
    }

    /** A text variable (rejection reason, note, reviewer, end reason); null when not set. */
    public static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }
}
