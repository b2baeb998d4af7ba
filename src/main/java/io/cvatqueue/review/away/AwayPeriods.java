package io.cvatqueue.review.away;

import io.cvatqueue.review.NoteTime;

import java.time.Instant;
import java.util.List;

/** The rules a new away period must keep, as a plain function of the reviewer's periods that have not ended. */
public final class AwayPeriods {

    private AwayPeriods() {
    }

    /**
     * @param existing the reviewer's periods that have not ended yet
     * @throws IllegalArgumentException with a message for the user when the period cannot be marked
     */
    public static void check(Instant startsAt, Instant endsAt, Instant now, List<AwayPeriod> existing) {
        if (startsAt == null || endsAt == null) {
            throw new IllegalArgumentException("Enter when the away period starts and when it ends");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("The end is not after the start: an away period needs a start and an "
                    + "end after it");
        }
        if (!endsAt.isAfter(now)) {
            throw new IllegalArgumentException("That period is already over");
        }
        existing.stream()
                .filter(p -> startsAt.isBefore(p.endsAt()) && p.startsAt().isBefore(endsAt))
                .findFirst()
                .ifPresent(p -> {
                    throw new IllegalArgumentException("It overlaps the away period from " + NoteTime.format(p.startsAt())
                            + " to " + NoteTime.format(p.endsAt()) + "; cancel that one or choose other dates");
                });
    }
}
