package io.cvatqueue.analytics;

import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.review.AuditEntry;
import io.cvatqueue.review.AuditRepository;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Review analytics read from crafted review and audit rows of one task. */
class ReviewAnalyticsServiceTest extends AnalyticsTestBase {

    /** No demo task has this id, so only this test's rows count. */
    static final long TASK = 9_001;

    @Autowired
    ReviewAnalyticsService reviewAnalytics;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    AuditRepository audit;

    @Test
    void readsQueueAndReviewTimesAndDecisionsOfTheTasksReviewsOnly() {
        Instant queued = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        Review rejectedThenApproved = review(9_101, "anna", queued, queued.plus(Duration.ofMinutes(30)));
        Review approved = review(9_102, "tom", queued, queued.plus(Duration.ofMinutes(90)));
        Review otherTask = reviews.save(Review.queued(instance.id(), 6, 9_103, null, "lee", CvatOrganization.of(null), queued));
        Instant start = queued.plus(Duration.ofHours(2));
        event(rejectedThenApproved, "rita", "REVIEW_STARTED", start);
        event(rejectedThenApproved, "rita", "REJECTED", start.plus(Duration.ofMinutes(15)));
        event(rejectedThenApproved, "rita", "REVIEW_STARTED", start.plus(Duration.ofMinutes(60)));
        event(rejectedThenApproved, "rita", "APPROVED", start.plus(Duration.ofMinutes(65)));
        event(approved, "ravi", "REVIEW_STARTED", start);
        event(approved, "ravi", "APPROVED", start.plus(Duration.ofMinutes(25)));
        event(otherTask, "ravi", "REJECTED", start);

        ReviewAnalytics analytics = reviewAnalytics.forTask(instance.id(), TASK);

        assertThat(analytics.timeInQueue().average()).isEqualTo(Duration.ofMinutes(60));
        assertThat(analytics.timeInReview().count()).isEqualTo(3);
        assertThat(analytics.timeInReview().median()).isEqualTo(Duration.ofMinutes(15));
        assertThat(analytics.decisions()).isEqualTo(3);
        assertThat(analytics.rejections()).isEqualTo(1);
        assertThat(analytics.perAnnotator()).extracting(ReviewAnalytics.RejectionRate::person)
                .containsExactly("anna", "tom");
        assertThat(analytics.perDay().stream().mapToInt(ReviewAnalytics.DailyReviews::total).sum()).isEqualTo(3);
    }

    private Review review(long jobId, String annotator, Instant queuedAt, Instant assignedAt) {
        Review queued = reviews.save(Review.queued(instance.id(), TASK, jobId, null, annotator, CvatOrganization.of(null), queuedAt));
        reviews.markAssigned(queued.id(), "rita", assignedAt);
        reviews.close(queued.id(), ReviewStatus.APPROVED.name(), null, assignedAt, assignedAt);
        return reviews.findById(queued.id()).orElseThrow();
    }

    private void event(Review review, String actor, String action, Instant at) {
        audit.save(new AuditEntry(null, review.id(), review.instanceId(), review.cvatJobId(), actor, action, null, at));
    }
}
