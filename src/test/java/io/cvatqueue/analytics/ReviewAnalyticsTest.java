package io.cvatqueue.analytics;

import io.cvatqueue.analytics.ReviewAnalytics.DailyReviews;
import io.cvatqueue.analytics.ReviewAnalytics.RejectionRate;
import io.cvatqueue.analytics.ReviewAnalytics.ReviewEvent;
import io.cvatqueue.analytics.ReviewAnalytics.ReviewFacts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How review analytics are computed from review rows and their audit trail. */
class ReviewAnalyticsTest {

    static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");
    static final Instant T0 = Instant.parse("2026-03-30T08:00:00Z");

    @Test
    void timeInQueueRunsFromQueuedToFirstAssignmentAndIgnoresReviewsStillQueued() {
        List<ReviewFacts> reviews = List.of(
                new ReviewFacts(1, "anna", T0, T0.plus(Duration.ofHours(1))),
                new ReviewFacts(2, "tom", T0, T0.plus(Duration.ofHours(3))),
                new ReviewFacts(3, "tom", T0, T0.plus(Duration.ofHours(8))),
                new ReviewFacts(4, "lee", T0, null));

        ReviewAnalytics analytics = ReviewAnalytics.compute(reviews, List.of(), NOW, ZoneOffset.UTC);

        assertThat(analytics.timeInQueue().count()).isEqualTo(3);
        assertThat(analytics.timeInQueue().average()).isEqualTo(Duration.ofHours(4));
        assertThat(analytics.timeInQueue().median()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void everyReviewRoundCountsFromItsStartToTheDecisionThatEndedIt() {
        List<ReviewFacts> reviews = List.of(new ReviewFacts(1, "anna", T0, T0));
        List<ReviewEvent> trail = List.of(
                new ReviewEvent(1, "rita", "REVIEW_STARTED", T0.plus(minutes(10))),
                new ReviewEvent(1, "rita", "REJECTED", T0.plus(minutes(40))),
                new ReviewEvent(1, "system", "RECOMPLETED", T0.plus(minutes(100))),
                new ReviewEvent(1, "rita", "REVIEW_STARTED", T0.plus(minutes(120))),
                new ReviewEvent(1, "rita", "APPROVED", T0.plus(minutes(130))));

        ReviewAnalytics analytics = ReviewAnalytics.compute(reviews, trail, NOW, ZoneOffset.UTC);

        assertThat(analytics.timeInReview().count()).isEqualTo(2);
        assertThat(analytics.timeInReview().average()).isEqualTo(minutes(20));
        assertThat(analytics.timeInReview().median()).isEqualTo(minutes(20));
        assertThat(analytics.decisions()).isEqualTo(2);
        assertThat(analytics.rejections()).isEqualTo(1);
    }

    @Test
    void rejectionRatesAreRejectionsPerDecisionForTheJobsAnnotatorAndForTheReviewerWhoDecided() {
        List<ReviewFacts> reviews = List.of(
                new ReviewFacts(1, "anna", T0, T0),
                new ReviewFacts(2, "anna", T0, T0),
                new ReviewFacts(3, "tom", T0, T0),
                new ReviewFacts(4, null, T0, T0));
        List<ReviewEvent> trail = List.of(
                new ReviewEvent(1, "rita", "REJECTED", T0.plus(minutes(1))),
                new ReviewEvent(1, "rita", "APPROVED", T0.plus(minutes(2))),
                new ReviewEvent(2, "ravi", "REJECTED", T0.plus(minutes(3))),
                new ReviewEvent(3, "ravi", "APPROVED", T0.plus(minutes(4))),
                new ReviewEvent(4, "rita", "APPROVED", T0.plus(minutes(5))));

        ReviewAnalytics analytics = ReviewAnalytics.compute(reviews, trail, NOW, ZoneOffset.UTC);

        assertThat(analytics.perAnnotator()).containsExactly(
                new RejectionRate("(unassigned)", 1, 0),
                new RejectionRate("anna", 3, 2),
                new RejectionRate("tom", 1, 0));
        assertThat(analytics.perReviewer()).containsExactly(
                new RejectionRate("ravi", 2, 1),
                new RejectionRate("rita", 3, 1));
        assertThat(analytics.perReviewer().get(0).rate()).isEqualTo(0.5);
        assertThat(analytics.rejectionRate()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void reviewsPerDayCoverTheLastThirtyDaysIncludingTodayWithEmptyDaysAsZero() {
        List<ReviewFacts> reviews = List.of(new ReviewFacts(1, "anna", T0, T0), new ReviewFacts(2, "tom", T0, T0));
        List<ReviewEvent> trail = List.of(
                new ReviewEvent(1, "rita", "REJECTED", Instant.parse("2026-03-31T09:00:00Z")),
                new ReviewEvent(1, "rita", "APPROVED", Instant.parse("2026-03-31T11:00:00Z")),
                new ReviewEvent(2, "rita", "APPROVED", Instant.parse("2026-03-02T23:59:00Z")),
                // older than 30 days: not shown
                new ReviewEvent(2, "rita", "APPROVED", Instant.parse("2026-03-01T23:59:00Z")));

        List<DailyReviews> perDay = ReviewAnalytics.compute(reviews, trail, NOW, ZoneOffset.UTC).perDay();

        assertThat(perDay).hasSize(30);
        assertThat(perDay.get(0)).isEqualTo(new DailyReviews(LocalDate.parse("2026-03-02"), 1, 0));
        assertThat(perDay.get(29)).isEqualTo(new DailyReviews(LocalDate.parse("2026-03-31"), 1, 1));
        assertThat(perDay.subList(1, 29)).allMatch(day -> day.total() == 0);
    }

    @Test
    void nothingReviewedYetGivesEmptyStatisticsRatherThanErrors() {
        ReviewAnalytics analytics = ReviewAnalytics.compute(List.of(), List.of(), NOW, ZoneOffset.UTC);

        assertThat(analytics.timeInQueue().count()).isZero();
        assertThat(analytics.timeInQueue().average()).isNull();
        assertThat(analytics.rejectionRate()).isZero();
        assertThat(analytics.perAnnotator()).isEmpty();
        assertThat(analytics.perDay()).hasSize(30).allMatch(day -> day.total() == 0);
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
