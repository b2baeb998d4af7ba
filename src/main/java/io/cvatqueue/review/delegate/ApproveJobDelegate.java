package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewCvatActions;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_ApproveInCvat. */
@Component("approveJobInCvat")
class ApproveJobDelegate implements JavaDelegate {

    private final ReviewCvatActions actions;

    ApproveJobDelegate(ReviewCvatActions actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        JobDeletedAsBpmnError.run(() -> actions.approve(reviewId));
    }
}
