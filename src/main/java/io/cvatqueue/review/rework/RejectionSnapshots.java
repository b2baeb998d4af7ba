package io.cvatqueue.review.rework;

import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewEvents;
import io.cvatqueue.review.ReviewRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;

/**
 * Keeps the rejected version of a job, and asks for the delta when the job comes back. Runs inside the workflow
 * step that tells CVAT about the rejection: the job has just gone back to its annotator, who has not touched it
 * yet. Taking the snapshot never fails the rejection: when CVAT cannot serve it, the failure is kept and the
 * review page says there is nothing to compare with.
 */
@Component
class RejectionSnapshots {

    private static final Logger log = LoggerFactory.getLogger(RejectionSnapshots.class);

    private final ReviewRepository reviews;
    private final ReworkCvat cvat;
    private final ReworkStore store;
    private final ReworkWorker worker;
    private final Clock clock;

    RejectionSnapshots(ReviewRepository reviews, ReworkCvat cvat, ReworkStore store, ReworkWorker worker, Clock clock) {
        this.reviews = reviews;
        this.cvat = cvat;
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    @EventListener
    void rejected(ReviewEvents.JobRejectedInCvat event) {
        Review review = reviews.findById(event.reviewId()).orElseThrow();
        JobSnapshot snapshot = null;
        String problem = null;
        try {
            snapshot = cvat.snapshot(review);
        } catch (RuntimeException e) {
            problem = "The annotations at the rejection could not be read from CVAT: " + e.getMessage();
            log.warn("No rework snapshot of job {} (review {}): {}", review.cvatJobId(), review.id(), e.getMessage());
        }
        store.saveSnapshot(review.id(), event.round(), event.noteIssueId(), clock.instant(), snapshot, problem);
    }

    @EventListener
    void returned(ReviewEvents.JobReturnedAfterRework event) {
        store.requestDelta(event.reviewId(), event.round(), clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wakeUp();
                }
            });
        } else {
            worker.wakeUp();
        }
    }
}
