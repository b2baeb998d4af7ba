package io.cvatqueue.review;

import org.camunda.bpm.engine.delegate.VariableScope;

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

    public static final String TASK_ASSIGN_REVIEWER = "Task_AssignReviewer";
    public static final String TASK_START_REVIEW = "Task_StartReview";
    public static final String TASK_MARK_JOB_IN_REVIEW = "Task_MarkJobInReview";
    public static final String TASK_REVIEW = "Task_Review";

    public static final String REVIEW_ID = "reviewId";
    public static final String INSTANCE_ID = "instanceId";
    public static final String TASK_ID = "taskId";
    public static final String JOB_ID = "jobId";
    public static final String REVIEWER = "reviewer";
    public static final String ANNOTATOR_ID = "annotatorId";
    public static final String ANNOTATOR_USERNAME = "annotatorUsername";
    public static final String SAMPLED = "sampled";
    public static final String DECISION = "decision";
    public static final String REJECTION_REASON = "rejectionReason";
    public static final String REVIEW_NOTE = "reviewNote";
    public static final String DECIDED_BY = "decidedBy";
    public static final String END_REASON = "endReason";
    /** The review's priority by name (LOW, NORMAL, HIGH, URGENT): the SLA timers take their duration from it. */
    public static final String PRIORITY = "priority";

    public static final String DECISION_APPROVED = "APPROVED";
    public static final String DECISION_REJECTED = "REJECTED";

    private ReviewVariables() {
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
