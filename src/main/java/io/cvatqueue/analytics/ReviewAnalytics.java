package io.cvatqueue.analytics;

import io.cvatqueue.review.ReviewVariables;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How reviews of a task went, computed from the review rows and their audit trail.
 * <ul>
 *     <li>time in queue: queued (job completed in CVAT) until a reviewer was first assigned;</li>
 *     <li>time in review: each "review started" until the decision that followed it, so a job rejected and
 *     reviewed again counts twice (the review row keeps only the last round);</li>
 *     <li>rejection rate: rejections per decision, per annotator of the job and per reviewer who decided;</li>
 *     <li>reviews per day: decisions on each of the last {@value #DAYS} days, today included.</li>
 * </ul>
 */
public record ReviewAnalytics(DurationStats timeInQueue, DurationStats timeInReview, int decisions, int rejections,
                              List<RejectionRate> perAnnotator, List<RejectionRate> perReviewer,
                              List<DailyReviews> perDay) {

    public static final int DAYS = 30;
    /** Audit action of {@code ReviewService.startReview}; the decisions are the workflow's decision values. */
    static final String REVIEW_STARTED = "REVIEW_STARTED";
    static final String APPROVED = ReviewVariables.DECISION_APPROVED;
    static final String REJECTED = ReviewVariables.DECISION_REJECTED;

    /** The parts of a review row that matter here. */
    public record ReviewFacts(long reviewId, String annotator, Instant queuedAt, Instant assignedAt) {
    }

    /** An audit entry: who did what to which review, when. */
    public record ReviewEvent(long reviewId, String actor, String action, Instant at) {
    }

    public record DurationStats(int count, Duration average, Duration median) {
        static final DurationStats NONE = new DurationStats(0, null, null);

        static DurationStats of(List<Duration> durations) {
            if (durations.isEmpty()) {
                return NONE;
            }
            List<Duration> sorted = durations.stream().sorted().toList();
            long totalMillis = sorted.stream().mapToLong(Duration::toMillis).sum();
            int n = sorted.size();
            Duration median = n % 2 == 1 ? sorted.get(n / 2)
                    : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
            return new DurationStats(n, Duration.ofMillis(totalMillis / n), median);
        }
    }

    public record RejectionRate(String person, int decisions, int rejections) {
        /** Rejections per decision, 0 to 1. */
        public double rate() {
            return decisions == 0 ? 0 : (double) rejections / decisions;
        }
    }

    public record DailyReviews(LocalDate day, int approved, int rejected) {
        public int total() {
            return approved + rejected;
        }
    }

    public static ReviewAnalytics compute(List<ReviewFacts> reviews, List<ReviewEvent> events, Instant now,
                                          ZoneId zone) {
        List<Duration> queueTimes = reviews.stream()
                .filter(r -> r.queuedAt() != null && r.assignedAt() != null && !r.assignedAt().isBefore(r.queuedAt()))
                .map(r -> Duration.between(r.queuedAt(), r.assignedAt()))
                .toList();

        Map<Long, String> annotatorOf = new HashMap<>();
        reviews.forEach(r -> annotatorOf.put(r.reviewId(), r.annotator() == null ? AnnotatorProgress.UNASSIGNED
                : r.annotator()));
        Map<Long, List<ReviewEvent>> eventsByReview = events.stream()
                .sorted(Comparator.comparing(ReviewEvent::at))
                .collect(Collectors.groupingBy(ReviewEvent::reviewId, LinkedHashMap::new, Collectors.toList()));

        List<Duration> reviewTimes = new ArrayList<>();
        List<ReviewEvent> decisions = new ArrayList<>();
        eventsByReview.forEach((reviewId, trail) -> {
            Instant started = null;
            for (ReviewEvent event : trail) {
                if (REVIEW_STARTED.equals(event.action())) {
                    started = event.at();
                } else if (isDecision(event)) {
                    decisions.add(event);
                    if (started != null) {
                        reviewTimes.add(Duration.between(started, event.at()));
                    }
                    started = null;
                }
            }
        });

        int rejections = (int) decisions.stream().filter(e -> REJECTED.equals(e.action())).count();
        return new ReviewAnalytics(DurationStats.of(queueTimes), DurationStats.of(reviewTimes), decisions.size(),
                rejections,
                rates(decisions, e -> annotatorOf.getOrDefault(e.reviewId(), AnnotatorProgress.UNASSIGNED)),
                rates(decisions, ReviewEvent::actor),
                perDay(decisions, now, zone));
    }

    public double rejectionRate() {
        return decisions == 0 ? 0 : (double) rejections / decisions;
    }

    private static boolean isDecision(ReviewEvent event) {
        return APPROVED.equals(event.action()) || REJECTED.equals(event.action());
    }

    private static List<RejectionRate> rates(List<ReviewEvent> decisions,
                                             java.util.function.Function<ReviewEvent, String> person) {
        Map<String, int[]> counts = new TreeMap<>();
        for (ReviewEvent decision : decisions) {
            int[] c = counts.computeIfAbsent(Objects.requireNonNullElse(person.apply(decision), "?"), k -> new int[2]);
            c[0]++;
            if (REJECTED.equals(decision.action())) {
                c[1]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new RejectionRate(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    private static List<DailyReviews> perDay(List<ReviewEvent> decisions, Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(DAYS - 1L);
        Map<LocalDate, int[]> counts = new TreeMap<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            counts.put(day, new int[2]);
        }
        for (ReviewEvent decision : decisions) {
            int[] c = counts.get(LocalDate.ofInstant(decision.at(), zone));
            if (c != null) {
                c[APPROVED.equals(decision.action()) ? 0 : 1]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new DailyReviews(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }
}
