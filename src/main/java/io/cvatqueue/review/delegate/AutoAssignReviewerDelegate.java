package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewerPicker;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_AutoAssign: sets {@code reviewer} when auto-assignment finds one, else leaves
 * the empty one of the start. */
@Component("autoAssignReviewer")
class AutoAssignReviewerDelegate implements JavaDelegate {

    private final ReviewerPicker picker;

    AutoAssignReviewerDelegate(ReviewerPicker picker) {
        this.picker = picker;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        picker.pick(reviewId).ifPresent(reviewer -> ReviewVariables.assignReviewer(execution, reviewer));
    }
}
