package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewCvatActions;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_MarkJobInReview. */
@Component("markJobInReview")
class MarkJobInReviewDelegate implements JavaDelegate {

    private final ReviewCvatActions actions;

    MarkJobInReviewDelegate(ReviewCvatActions actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        JobDeletedAsBpmnError.run(() -> actions.markInReview(reviewId));
    }
}
