package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_CloseDeletedJob in the JOB_DELETED error event sub-process. */
@Component("closeDeletedJob")
class CloseDeletedJobDelegate implements JavaDelegate {

    static final String REASON = "The job was deleted in CVAT";

    private final ReviewLifecycle lifecycle;

    CloseDeletedJobDelegate(ReviewLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ((Number) execution.getVariable(ReviewVariables.REVIEW_ID)).longValue();
        lifecycle.jobDeleted(reviewId, REASON);
        execution.setVariable(ReviewVariables.END_REASON, REASON);
    }
}
