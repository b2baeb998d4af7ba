package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.review.away.AwayService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_ReturnToQueue: the reworked job's reviewer is away, so it goes to the queue with a note. */
@Component("returnToQueueWhileAway")
class ReturnToQueueWhileAwayDelegate implements JavaDelegate {

    private final ReviewLifecycle lifecycle;
    private final AwayService away;

    ReturnToQueueWhileAwayDelegate(ReviewLifecycle lifecycle, AwayService away) {
        this.lifecycle = lifecycle;
        this.away = away;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reviewer = ReviewVariables.text(execution, ReviewVariables.REVIEWER);
        lifecycle.returnedToQueueWhileAway(ReviewVariables.reviewId(execution), reviewer,
                away.awayUntil(reviewer).orElse(null));
    }
}
