package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_MarkOverdue, reached by the SLA boundary timers. */
@Component("markReviewOverdue")
class MarkOverdueDelegate implements JavaDelegate {

    private final ReviewLifecycle lifecycle;

    MarkOverdueDelegate(ReviewLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.overdue(ReviewVariables.reviewId(execution));
    }
}
