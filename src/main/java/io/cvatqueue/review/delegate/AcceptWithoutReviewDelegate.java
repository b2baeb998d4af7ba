package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewCvatActions;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_AcceptWithoutReview. */
@Component("acceptJobWithoutReview")
class AcceptWithoutReviewDelegate implements JavaDelegate {

    private final ReviewCvatActions actions;

    AcceptWithoutReviewDelegate(ReviewCvatActions actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        JobDeletedAsBpmnError.run(() -> actions.acceptWithoutReview(reviewId));
    }
}
