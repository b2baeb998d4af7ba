package io.cvatqueue.review.assignment;

import java.time.Instant;

/**
 * What a reviewer has on their plate.
 *
 * @param awayUntil end of the away period they are in now; null when they are not away
 * @param active    false for a deactivated account that still holds reviews nobody could take
 */
public record ReviewerWorkload(String username, int assigned, int inReview, int overdue, long openFrames,
                               Instant awayUntil, boolean active) {

    public int open() {
        return assigned + inReview;
    }
}
