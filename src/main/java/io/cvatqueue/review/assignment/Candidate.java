package io.cvatqueue.review.assignment;

/**
 * A reviewer auto-assignment may choose.
 *
 * @param openReviews reviews assigned to them or in review
 * @param openFrames  frames of those reviews' jobs: the work they still have
 */
public record Candidate(String username, int openReviews, long openFrames) {
}
