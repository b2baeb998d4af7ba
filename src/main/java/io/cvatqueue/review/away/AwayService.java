package io.cvatqueue.review.away;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.review.AuditTrail;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import org.camunda.bpm.engine.ManagementService;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import io.cvatqueue.security.CurrentUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/** Periods reviewers are away. A reviewer marks their own; an admin marks anyone's. */
@Service
public class AwayService {

    private final AwayPeriodRepository periods;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final ReviewRepository reviews;
    private final ManagementService management;
    private final NotificationService notifications;
    private final AuditTrail audit;

    public AwayService(AwayPeriodRepository periods, CurrentUser currentUser, Clock clock, ReviewRepository reviews,
                       ManagementService management, NotificationService notifications, AuditTrail audit) {
        this.reviews = reviews;
        this.management = management;
        this.notifications = notifications;
        this.audit = audit;
        this.periods = periods;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Whoever is away right now: auto-assignment passes them over. */
    public Set<String> awayNow() {
        return periods.findCovering(clock.instant()).stream().map(AwayPeriod::username).collect(Collectors.toSet());
    }

    public boolean isAway(String username, Instant at) {
        return periods.findCurrentAndComing(username, at).stream().anyMatch(p -> p.covers(at));
    }

    /** The reviewer's away periods that have not ended yet. */
    public List<AwayPeriod> currentAndComing(String username) {
        return periods.findCurrentAndComing(username, clock.instant());
    }

    /**
     * Marks a reviewer away from {@code startsAt} until {@code endsAt}.
     *
     * @throws IllegalArgumentException when the period ends before it starts or is already over
     * @throws AccessDeniedException    when a reviewer marks someone else
     */
    @Transactional
    public AwayPeriod markAway(String username, Instant startsAt, Instant endsAt, String note) {
        AppUser actor = mayChange(username);
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("An away period needs a start and an end after it");
        }
        if (!endsAt.isAfter(clock.instant())) {
            throw new IllegalArgumentException("That period is already over");
        }
        AwayPeriod saved = periods.save(new AwayPeriod(null, username, startsAt, endsAt,
                note == null || note.isBlank() ? null : note.strip(), actor.username(), clock.instant()));
        flagReviewsDueWhileAway(saved);
        return saved;
    }

    /**
     * Tells the admins of each instance which of the reviewer's open reviews would go overdue while they are away
     * (their SLA timer is due within the period), so that they can move them in time.
     */
    private void flagReviewsDueWhileAway(AwayPeriod period) {
        Map<Long, List<String>> perInstance = new TreeMap<>();
        for (Review review : reviews.findActiveOf(period.username())) {
            if (review.processInstanceId() == null) {
                continue;
            }
            management.createJobQuery().processInstanceId(review.processInstanceId()).timers().list().stream()
                    .filter(timer -> timer.getDuedate() != null)
                    .map(timer -> timer.getDuedate().toInstant())
                    .filter(due -> !due.isBefore(period.startsAt()) && due.isBefore(period.endsAt()))
                    .findFirst()
                    .ifPresent(due -> {
                        perInstance.computeIfAbsent(review.instanceId(), i -> new ArrayList<>())
                                .add(String.valueOf(review.cvatJobId()));
                        audit.record(review, AuditTrail.SYSTEM, "DUE_WHILE_AWAY", period.username()
                                + " is away until " + period.endsAt() + "; the review's SLA ends " + due);
                    });
        }
        perInstance.forEach((instanceId, jobs) -> notifications.notifyAdmins(instanceId,
                NotificationKind.REVIEW_OVERDUE, period.username() + " is away from " + period.startsAt() + " to "
                        + period.endsAt() + "; these reviews would go overdue meanwhile, reassign them: job "
                        + String.join(", ", jobs)));
    }

    /** Ends an away period early or removes a coming one. */
    @Transactional
    public void cancel(long periodId) {
        AwayPeriod period = periods.findById(periodId)
                .orElseThrow(() -> new NoSuchElementException("Away period " + periodId + " does not exist"));
        mayChange(period.username());
        periods.delete(period);
    }

    private AppUser mayChange(String username) {
        AppUser actor = currentUser.require();
        if (!actor.isAdmin() && !actor.username().equals(username)) {
            throw new AccessDeniedException("Reviewers mark only themselves away; ask an admin for others");
        }
        return actor;
    }
}
