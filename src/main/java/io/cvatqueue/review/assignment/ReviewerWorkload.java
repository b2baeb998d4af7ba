package io.cvatqueue.review.assignment;

import java.time.Instant;

/**
 * What a reviewer has on their plate.
 *
 * @param awayUntil end of the away period they are in now; null when they are not away
 */
public record ReviewerWorkload(String username, int assigned, int inReview, int overdue, long openFrames,
                               Instant awayUntil) {

    public int open() {
        return assigned + inReview;
    }
}
