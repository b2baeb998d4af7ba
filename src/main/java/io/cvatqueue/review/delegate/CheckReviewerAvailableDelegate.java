package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.review.away.AwayService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task Task_CheckReviewerAvailable, when a rejected job comes back: sets {@code reviewerAvailable} for
 * Gateway_ReviewerAvailable, false while the reviewer who rejected it is away.
 */
@Component("checkReviewerAvailable")
class CheckReviewerAvailableDelegate implements JavaDelegate {

    private final AwayService away;

    CheckReviewerAvailableDelegate(AwayService away) {
        this.away = away;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reviewer = ReviewVariables.text(execution, ReviewVariables.REVIEWER);
        ReviewVariables.reviewerAvailable(execution, reviewer == null || away.awayUntil(reviewer).isEmpty());
    }
}
