package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.review.ReviewerPresence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task Task_ReturnToQueue: the reworked job's reviewer is away or deactivated, so it goes to the queue with a
 * note saying which.
 */
@Component("returnToQueueWhileAway")
class ReturnToQueueWhileAwayDelegate implements JavaDelegate {

    private final ReviewLifecycle lifecycle;
    private final ReviewerPresence presence;

    ReturnToQueueWhileAwayDelegate(ReviewLifecycle lifecycle, ReviewerPresence presence) {
        this.lifecycle = lifecycle;
        this.presence = presence;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reviewer = ReviewVariables.text(execution, ReviewVariables.REVIEWER);
        lifecycle.returnedToQueue(ReviewVariables.reviewId(execution), reviewer, presence.whyReturned(reviewer));
    }
}
