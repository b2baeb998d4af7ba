package io.cvatqueue.review;

/**
 * Where a job's review stands, as the steps of processes/job-review.bpmn report it. The BPMN decides the
 * lifecycle; this is its read model for queries.
 */
public enum ReviewStatus {
    /** Waiting for an admin (or auto-assignment) to pick a reviewer. */
    QUEUED(true),
    /** Assigned; the reviewer has not started yet. */
    ASSIGNED(true),
    /** The reviewer pressed Start Review; CVAT shows the job in validation. */
    IN_REVIEW(true),
    /** Sent back to the annotator; returns to the same reviewer when completed again in CVAT. */
    REJECTED(true),
    /** Accepted by the reviewer. */
    APPROVED(false),
    /** Not sampled for review and accepted directly. */
    ACCEPTED_WITHOUT_REVIEW(false),
    /** The job disappeared from CVAT while under review. */
    JOB_DELETED(false),
    /** Someone accepted the job in CVAT outside the workflow, and an admin adopted that. */
    ACCEPTED_IN_CVAT(false),
    /** Someone moved the job on in CVAT outside the workflow (back to annotation, ...), and an admin adopted that. */
    CHANGED_IN_CVAT(false);

    private final boolean open;

    ReviewStatus(boolean open) {
        this.open = open;
    }

    public boolean isOpen() {
        return open;
    }

    public String label() {
        return switch (this) {
            case QUEUED -> "Queued";
            case ASSIGNED -> "Assigned";
            case IN_REVIEW -> "In review";
            case REJECTED -> "Rejected, awaiting rework";
            case APPROVED -> "Approved";
            case ACCEPTED_WITHOUT_REVIEW -> "Accepted without review";
            case JOB_DELETED -> "Job deleted in CVAT";
            case ACCEPTED_IN_CVAT -> "Accepted in CVAT";
            case CHANGED_IN_CVAT -> "Ended: changed in CVAT";
        };
    }

    /**
     * The status as a past decision, in history: a rejection stays "Rejected" after the job was reworked and
     * approved, while {@link #label()} describes where a review is now ("Rejected, awaiting rework").
     */
    public String decisionLabel() {
        return this == REJECTED ? "Rejected" : label();
    }
}
