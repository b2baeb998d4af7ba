package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewCvatActions;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_RejectInCvat. */
@Component("rejectJobInCvat")
class RejectJobDelegate implements JavaDelegate {

    private final ReviewCvatActions actions;

    RejectJobDelegate(ReviewCvatActions actions) {
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        String reason = ReviewVariables.text(execution, ReviewVariables.REJECTION_REASON);
        String note = ReviewVariables.text(execution, ReviewVariables.REVIEW_NOTE);
        JobDeletedAsBpmnError.run(() -> actions.reject(reviewId, reason, note));
    }
}
