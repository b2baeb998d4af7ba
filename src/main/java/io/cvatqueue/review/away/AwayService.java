package io.cvatqueue.review.away;

import io.cvatqueue.account.AppUser;
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

    public AwayService(AwayPeriodRepository periods, CurrentUser currentUser, Clock clock) {
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
        return periods.save(new AwayPeriod(null, username, startsAt, endsAt,
                note == null || note.isBlank() ? null : note.strip(), actor.username(), clock.instant()));
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
