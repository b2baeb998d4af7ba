package io.cvatqueue.review.delegate;

import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.review.ReviewerPresence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task Task_CheckReviewerAvailable, when a rejected job comes back: sets {@code reviewerAvailable} for
 * Gateway_ReviewerAvailable, false while the reviewer who rejected it is away or once their account is deactivated.
 */
@Component("checkReviewerAvailable")
class CheckReviewerAvailableDelegate implements JavaDelegate {

    private final ReviewerPresence presence;

    CheckReviewerAvailableDelegate(ReviewerPresence presence) {
        this.presence = presence;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reviewer = ReviewVariables.text(execution, ReviewVariables.REVIEWER);
        ReviewVariables.reviewerAvailable(execution, reviewer == null || presence.whyAbsent(reviewer).isEmpty());
    }
}
