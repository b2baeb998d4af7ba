package io.cvatqueue.queue;

import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.settings.Priority;

import java.time.Instant;

/**
 * One row of the review queue.
 *
 * @param queueNote why the review came back to the queue (e.g. its reviewer is away); null when it did not
 */
public record QueueEntry(long reviewId, long cvatTaskId, String taskName, long cvatJobId, ReviewStatus status,
                         String reviewer, String annotator, int rejectionCount, boolean overdue, Instant queuedAt,
                         Instant updatedAt, Priority priority, String queueNote) {
}
