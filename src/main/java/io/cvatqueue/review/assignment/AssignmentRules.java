package io.cvatqueue.review.assignment;

import io.cvatqueue.review.Review;
import io.cvatqueue.settings.AssignmentPolicy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The assignment policies as plain functions of the eligible reviewers (active, not away, below the cap): no
 * database, no engine, so they are easy to reason about and to test.
 */
public final class AssignmentRules {

    /**
     * The order in which waiting reviews get a reviewer: the most urgent first, then the longest waiting, then by id
     * (the order the sync saw the jobs in). The queue's default order and {@code findQueuedMostUrgentFirst} agree.
     */
    public static final Comparator<Review> MOST_URGENT_FIRST = Comparator.comparingInt(Review::priority).reversed()
            .thenComparing(Review::queuedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Review::id, Comparator.nullsLast(Comparator.naturalOrder()));

    private AssignmentRules() {
    }

    /** The reviews in the order auto-assignment serves them ({@link #MOST_URGENT_FIRST}). */
    public static List<Review> mostUrgentFirst(List<Review> waiting) {
        return waiting.stream().sorted(MOST_URGENT_FIRST).toList();
    }

    /**
     * @param eligible reviewers who may get one more review
     * @param last     whom round robin chose last (empty string: nobody yet)
     */
    public static Optional<String> choose(AssignmentPolicy policy, List<Candidate> eligible, String last) {
        return switch (policy) {
            case ROUND_ROBIN -> roundRobin(eligible, last);
            case LEAST_OPEN_WORK -> leastOpenWork(eligible);
        };
    }

    /** The first reviewer by username after the one chosen last, wrapping around. */
    public static Optional<String> roundRobin(List<Candidate> eligible, String last) {
        List<String> names = eligible.stream().map(Candidate::username).sorted().toList();
        String previous = last == null ? "" : last;
        return names.stream().filter(n -> n.compareTo(previous) > 0).findFirst()
                .or(() -> names.stream().findFirst());
    }

    /**
     * The reviewer with the fewest frames in open reviews; on a tie the one with fewer open reviews, then by
     * username, so that the choice is the same on every node.
     */
    public static Optional<String> leastOpenWork(List<Candidate> eligible) {
        return eligible.stream()
                .min(Comparator.comparingLong(Candidate::openFrames)
                        .thenComparingInt(Candidate::openReviews)
                        .thenComparing(Candidate::username))
                .map(Candidate::username);
    }
}
