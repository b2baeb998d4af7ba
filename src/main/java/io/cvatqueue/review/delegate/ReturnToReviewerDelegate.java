package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_ReturnToReviewer, after the annotator completed a rejected job again. */
@Component("returnToReviewer")
class ReturnToReviewerDelegate implements JavaDelegate {

    private final ReviewLifecycle lifecycle;

    ReturnToReviewerDelegate(ReviewLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        lifecycle.returnedToReviewer(reviewId, ReviewVariables.text(execution, ReviewVariables.REVIEWER));
    }
}
