package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task Task_CloseReviewChangedInCvat (cvatStateAdopted message event sub-process): an admin adopted a
 * change made in CVAT outside the workflow, and the correlation brings how the review ends and why.
 */
@Component("closeReviewChangedInCvat")
class CloseReviewChangedInCvatDelegate implements JavaDelegate {

    private final ReviewLifecycle lifecycle;

    CloseReviewChangedInCvatDelegate(ReviewLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        String status = ReviewVariables.text(execution, ReviewVariables.ADOPTED_STATUS);
        lifecycle.endedByCvatChange(reviewId, status == null ? ReviewStatus.CHANGED_IN_CVAT : ReviewStatus.valueOf(status),
                ReviewVariables.text(execution, ReviewVariables.END_REASON));
    }
}
