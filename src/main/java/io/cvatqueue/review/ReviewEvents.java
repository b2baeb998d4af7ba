package io.cvatqueue.review;

/**
 * What the review workflow tells the rest of the app, as Spring application events published inside the
 * workflow step's transaction: listeners that write to the database take part in it.
 */
public final class ReviewEvents {

    private ReviewEvents() {
    }

    /**
     * The rejection has reached CVAT: the job is back with its annotator.
     *
     * @param round       which rejection of the review this is (1 for the first)
     * @param noteIssueId the CVAT issue that carries the rejection note
     */
    public record JobRejectedInCvat(long reviewId, int round, Long noteIssueId) {
    }

    /**
     * The annotator completed a rejected job again and it went back to its reviewer (or to the queue, while they
     * are away).
     *
     * @param round the rejection that the rework answers
     */
    public record JobReturnedAfterRework(long reviewId, int round) {
    }

    /**
     * A reviewer of the instance may have room for a queued review now: one finished or ended a review, came back
     * from an away period, or a review arrived behind others that wait. Auto-assignment then serves the queue, the
     * most urgent first, once the step has committed.
     */
    public record QueueMayMove(long instanceId) {
    }
}
