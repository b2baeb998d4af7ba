package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service tasks Task_CloseDeletedJob (JOB_DELETED error event sub-process) and Task_CloseNoticedDeletedJob
 * (jobDeleted message event sub-process, whose correlation may bring its own {@code endReason}).
 */
@Component("closeDeletedJob")
class CloseDeletedJobDelegate implements JavaDelegate {

    static final String REASON = io.cvatqueue.review.DeletedJobs.REASON;

    private final ReviewLifecycle lifecycle;

    CloseDeletedJobDelegate(ReviewLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long reviewId = ReviewVariables.reviewId(execution);
        String given = ReviewVariables.text(execution, ReviewVariables.END_REASON);
        String reason = given == null || given.isBlank() ? REASON : given;
        lifecycle.jobDeleted(reviewId, reason);
        execution.setVariable(ReviewVariables.END_REASON, reason);
    }
}
