package io.cvatqueue.review.away;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.review.AuditTrail;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewEvents;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.security.CurrentUser;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    private final AccountService accounts;
    private final ApplicationEventPublisher events;

    public AwayService(AwayPeriodRepository periods, CurrentUser currentUser, Clock clock, ReviewRepository reviews,
                       ManagementService management, NotificationService notifications, AuditTrail audit,
                       AccountService accounts, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.events = events;
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

    /** When the reviewer's current away period ends; empty when they are not away now. */
    public Optional<Instant> awayUntil(String username) {
        Instant now = clock.instant();
        return periods.findCurrentAndComing(username, now).stream().filter(p -> p.covers(now))
                .map(AwayPeriod::endsAt).max(Instant::compareTo);
    }

    /** Everyone away right now, with the end of their period: for screens that offer reviewers. */
    public Map<String, Instant> awayNowUntil() {
        Map<String, Instant> until = new HashMap<>();
        periods.findCovering(clock.instant()).forEach(p -> until.merge(p.username(), p.endsAt(),
                (a, b) -> a.isAfter(b) ? a : b));
        return until;
    }

    /** The reviewer's away periods that have not ended yet. */
    public List<AwayPeriod> currentAndComing(String username) {
        return periods.findCurrentAndComing(username, clock.instant());
    }

    /**
     * Marks a reviewer away from {@code startsAt} until {@code endsAt}.
     *
     * @throws IllegalArgumentException when the period ends before it starts, is already over or overlaps another
     *                                  (see {@link AwayPeriods})
     * @throws AccessDeniedException    when a reviewer marks someone else
     */
    @Transactional
    public AwayPeriod markAway(String username, Instant startsAt, Instant endsAt, String note) {
        AppUser actor = mayChange(username);
        AwayPeriods.check(startsAt, endsAt, clock.instant(), periods.findCurrentAndComing(username, clock.instant()));
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
        // back early: queued reviews may go to them now
        accounts.findByUsername(period.username())
                .ifPresent(user -> events.publishEvent(new ReviewEvents.QueueMayMove(user.instanceId())));
    }

    private AppUser mayChange(String username) {
        AppUser actor = currentUser.require();
        if (!actor.isAdmin() && !actor.username().equals(username)) {
            throw new AccessDeniedException("Reviewers mark only themselves away; ask an admin for others");
        }
        return actor;
    }
}
