package io.cvatqueue.review.assignment;

import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.review.Review;
import io.cvatqueue.settings.Priority;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which auto-assignment serves waiting reviews: the most urgent first, then the longest waiting. */
class MostUrgentFirstTest {

    private static final Instant T0 = Instant.parse("2030-03-01T09:00:00Z");

    @Test
    void moreUrgentReviewsGoFirstWhateverTheirAge() {
        Review lowOld = review(1, Priority.LOW, T0);
        Review urgentNew = review(2, Priority.URGENT, T0.plusSeconds(3600));
        Review normal = review(3, Priority.NORMAL, T0.plusSeconds(60));
        Review high = review(4, Priority.HIGH, T0.plusSeconds(7200));

        assertThat(AssignmentRules.mostUrgentFirst(List.of(lowOld, urgentNew, normal, high)))
                .containsExactly(urgentNew, high, normal, lowOld);
    }

    @Test
    void amongEquallyUrgentReviewsTheLongestWaitingGoesFirst() {
        Review newer = review(1, Priority.HIGH, T0.plusSeconds(60));
        Review older = review(2, Priority.HIGH, T0);

        assertThat(AssignmentRules.mostUrgentFirst(List.of(newer, older))).containsExactly(older, newer);
    }

    @Test
    void reviewsQueuedByOneSyncKeepTheOrderTheSyncSawTheirJobsInWithinAPriority() {
        Review third = review(12, Priority.NORMAL, T0);
        Review first = review(10, Priority.NORMAL, T0);
        Review urgent = review(13, Priority.URGENT, T0);
        Review second = review(11, Priority.NORMAL, T0);

        assertThat(AssignmentRules.mostUrgentFirst(List.of(third, first, urgent, second)))
                .containsExactly(urgent, first, second, third);
    }

    private static Review review(long id, Priority priority, Instant queuedAt) {
        return Review.queued(1, 3, 100 + id, null, "anna", CvatOrganization.of(null), queuedAt)
                .withWork(priority, 10).withId(id);
    }
}
