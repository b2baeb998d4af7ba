package io.cvatqueue.review;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Auto-assignment: round robin over the instance's active reviewers (by username), skipping those at the cap
 * of open reviews. Off by default; when it finds nobody the review waits for an admin.
 */
@Service
public class ReviewerPicker {

    private final WorkflowSettingsService settings;
    private final AccountService accounts;
    private final ReviewRepository reviews;
    private final AuditTrail audit;

    public ReviewerPicker(WorkflowSettingsService settings, AccountService accounts, ReviewRepository reviews,
                          AuditTrail audit) {
        this.settings = settings;
        this.accounts = accounts;
        this.reviews = reviews;
        this.audit = audit;
    }

    public Optional<String> pick(long reviewId) {
        WorkflowSettings current = settings.get();
        if (!current.autoAssign()) {
            return Optional.empty();
        }
        Review review = reviews.findById(reviewId).orElseThrow(() -> new NoSuchElementException("Review " + reviewId));
        List<String> candidates = accounts.activeUsersOf(review.instanceId()).stream()
                .filter(u -> u.role() == Role.REVIEWER).map(AppUser::username).sorted().toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String stateKey = "autoAssign.last." + review.instanceId();
        String last = settings.state(stateKey).orElse("");
        int start = 0;
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).compareTo(last) > 0) {
                start = i;
                break;
            }
        }
        for (int offset = 0; offset < candidates.size(); offset++) {
            String candidate = candidates.get((start + offset) % candidates.size());
            if (reviews.countActiveForReviewer(candidate) < current.maxOpenPerReviewer()) {
                settings.putState(stateKey, candidate);
                audit.record(review, AuditTrail.SYSTEM, "AUTO_ASSIGNED", "Auto-assigned to " + candidate);
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
