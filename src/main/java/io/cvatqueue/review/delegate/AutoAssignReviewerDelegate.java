package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewerPicker;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task Task_AutoAssign: sets {@code reviewer} when auto-assignment finds one, else an empty one for the
 * gateway after it.
 */
@Component("autoAssignReviewer")
class AutoAssignReviewerDelegate implements JavaDelegate {

    private final ReviewerPicker picker;

    AutoAssignReviewerDelegate(ReviewerPicker picker) {
        this.picker = picker;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        ReviewVariables.chooseReviewer(execution, picker.pick(reviewId).orElse(null));
    }
}
