package io.cvatqueue.review;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.review.assignment.AssignmentRules;
import io.cvatqueue.review.assignment.Candidate;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Auto-assignment: among the instance's active reviewers who are below the cap of open reviews and not away, the
 * policy chooses (round robin by username, or least open work in frames). Off by default; when it finds nobody
 * the review waits for an admin.
 */
@Service
public class ReviewerPicker {

    private final WorkflowSettingsService settings;
    private final AccountService accounts;
    private final ReviewRepository reviews;
    private final AuditTrail audit;
    private final AwayService away;
    private final ApplicationEventPublisher events;

    public ReviewerPicker(WorkflowSettingsService settings, AccountService accounts, ReviewRepository reviews,
                          AuditTrail audit, AwayService away, ApplicationEventPublisher events) {
        this.events = events;
        this.settings = settings;
        this.accounts = accounts;
        this.reviews = reviews;
        this.audit = audit;
        this.away = away;
    }

    /**
     * The reviewer for a new review when auto-assignment is on. A review that arrives while more urgent or older ones
     * wait in the queue does not overtake them: it is queued too, and the queue is served in order once the arrival
     * has committed ({@link ReviewEvents.QueueMayMove}).
     */
    public Optional<String> pick(long reviewId) {
        if (!settings.get().autoAssign()) {
            return Optional.empty();
        }
        Review review = reviews.findById(reviewId).orElseThrow(() -> new NoSuchElementException("Review " + reviewId));
        if (reviews.countQueuedAhead(review.instanceId(), reviewId, review.priority(), review.queuedAt()) > 0) {
            events.publishEvent(new ReviewEvents.QueueMayMove(review.instanceId()));
            return Optional.empty();
        }
        return choose(reviewId, Set.of());
    }

    /**
     * A reviewer for the review by the configured policy, whether or not new reviews are assigned automatically: for
     * an admin who distributes the queue, or moves a reviewer's work to others.
     *
     * @param excluded reviewers not to choose (e.g. the one whose work is moved away)
     */
    public Optional<String> choose(long reviewId, Set<String> excluded) {
        WorkflowSettings current = settings.get();
        Review review = reviews.findById(reviewId).orElseThrow(() -> new NoSuchElementException("Review " + reviewId));
        Set<String> awayNow = away.awayNow();
        List<Candidate> eligible = accounts.activeUsersOf(review.instanceId()).stream()
                .filter(u -> u.role() == Role.REVIEWER).map(AppUser::username)
                .filter(u -> !excluded.contains(u) && !awayNow.contains(u))
                .map(u -> new Candidate(u, (int) reviews.countActiveForReviewer(u), reviews.activeFramesOf(u)))
                .filter(c -> c.openReviews() < current.maxOpenPerReviewer())
                .toList();
        String stateKey = "autoAssign.last." + review.instanceId();
        Optional<String> chosen = AssignmentRules.choose(current.assignmentPolicy(), eligible,
                settings.state(stateKey).orElse(""));
        chosen.ifPresent(reviewer -> {
            settings.putState(stateKey, reviewer);
            audit.record(review, AuditTrail.SYSTEM, "AUTO_ASSIGNED", "Auto-assigned to " + reviewer + " ("
                    + current.assignmentPolicy().label().toLowerCase(java.util.Locale.ROOT) + ")");
        });
        return chosen;
    }
}
