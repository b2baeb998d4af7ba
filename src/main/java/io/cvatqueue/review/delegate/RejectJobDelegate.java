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
        long reviewId = ((Number) execution.getVariable(ReviewVariables.REVIEW_ID)).longValue();
        String reason = (String) execution.getVariable(ReviewVariables.REJECTION_REASON);
        String note = (String) execution.getVariable(ReviewVariables.REVIEW_NOTE);
        JobDeletedAsBpmnError.run(() -> actions.reject(reviewId, reason, note));
    }
}
