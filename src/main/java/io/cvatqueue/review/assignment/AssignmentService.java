package io.cvatqueue.review.assignment;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewerPicker;
import io.cvatqueue.review.away.AwayPeriod;
import io.cvatqueue.review.away.AwayService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Balancing work between reviewers: each reviewer's open work, distributing the queue by the assignment policy
 * (the most urgent reviews first), and moving a reviewer's open reviews to the others in one step.
 */
@Service
public class AssignmentService {

    private final ReviewRepository reviews;
    private final ReviewService reviewService;
    private final ReviewerPicker picker;
    private final AccountService accounts;
    private final AwayService away;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AssignmentService(ReviewRepository reviews, ReviewService reviewService, ReviewerPicker picker,
                             AccountService accounts, AwayService away, JdbcTemplate jdbc, Clock clock) {
        this.reviews = reviews;
        this.reviewService = reviewService;
        this.picker = picker;
        this.accounts = accounts;
        this.away = away;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Every active reviewer of the instance with their assigned, in-review and overdue reviews, and any deactivated
     * account that still holds open reviews nobody could take when it was deactivated (to move them later).
     */
    @Secured("ROLE_ADMIN")
    public List<ReviewerWorkload> workload(long instanceId) {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Long> frames = new HashMap<>();
        jdbc.query("select reviewer, status, overdue, count(*) as n, coalesce(sum(coalesce(job_frames, 1)), 0) as f "
                + "from review where instance_id = ? and status in ('ASSIGNED', 'IN_REVIEW') "
                + "group by reviewer, status, overdue", rs -> {
                    int[] c = counts.computeIfAbsent(rs.getString("reviewer"), r -> new int[3]);
                    int n = rs.getInt("n");
                    c["IN_REVIEW".equals(rs.getString("status")) ? 1 : 0] += n;
                    if (rs.getBoolean("overdue")) {
                        c[2] += n;
                    }
                    frames.merge(rs.getString("reviewer"), rs.getLong("f"), Long::sum);
                }, instanceId);
        Instant now = clock.instant();
        return accounts.usersOf(instanceId).stream()
                .filter(u -> counts.containsKey(u.username()) || (u.active() && u.role() == Role.REVIEWER))
                .map(u -> {
                    int[] c = counts.getOrDefault(u.username(), new int[3]);
                    Instant awayUntil = away.currentAndComing(u.username()).stream().filter(p -> p.covers(now))
                            .map(AwayPeriod::endsAt).max(Instant::compareTo).orElse(null);
                    return new ReviewerWorkload(u.username(), c[0], c[1], c[2], frames.getOrDefault(u.username(), 0L),
                            awayUntil, u.active());
                })
                .toList();
    }

    /**
     * Assigns queued reviews, the most urgent (and then the longest waiting) first, each to the reviewer the policy
     * chooses, until every review is assigned or every reviewer is at the cap or away.
     */
    @Secured("ROLE_ADMIN")
    public Outcome distributeQueue(long instanceId) {
        Map<String, Integer> perReviewer = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        int left = 0;
        for (Review review : reviews.findQueuedMostUrgentFirst(instanceId)) {
            String reviewer = picker.choose(review.id(), Set.of()).orElse(null);
            if (reviewer == null) {
                left++;
                continue;
            }
            try {
                reviewService.assign(review.id(), reviewer);
                perReviewer.merge(reviewer, 1, Integer::sum);
            } catch (ReviewException | ProcessEngineException e) {
                problems.add(e.getMessage());
            }
        }
        return new Outcome(perReviewer, left, problems);
    }

    /**
     * Moves the reviewer's open reviews (assigned or in review), the most urgent first, to other reviewers chosen
     * by the policy; reviews nobody can take stay with them and are counted as left.
     */
    @Secured("ROLE_ADMIN")
    public Outcome moveOpenReviews(long instanceId, String fromReviewer) {
        Map<String, Integer> perReviewer = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        int left = 0;
        for (Review review : reviews.findActiveOf(fromReviewer)) {
            if (review.instanceId() != instanceId) {
                continue;
            }
            String to = picker.choose(review.id(), Set.of(fromReviewer)).orElse(null);
            if (to == null) {
                left++;
                continue;
            }
            try {
                reviewService.reassign(review.id(), to);
                perReviewer.merge(to, 1, Integer::sum);
            } catch (ReviewException | ProcessEngineException | io.cvatqueue.cvat.CvatException e) {
                problems.add("Job " + review.cvatJobId() + ": " + e.getMessage());
            }
        }
        return new Outcome(perReviewer, left, problems);
    }

    /** How many reviews the reviewer holds (assigned or in review): what deactivating them would leave behind. */
    @Secured("ROLE_ADMIN")
    public long openReviewsOf(String reviewer) {
        return reviews.countActiveForReviewer(reviewer);
    }

    /**
     * Deactivates the account, then moves its open reviews to other reviewers as {@link #moveOpenReviews} does: a
     * deactivated reviewer cannot log in to finish them. Reviews nobody can take stay with them, counted as left;
     * the {@link #workload} keeps listing the account until they are moved.
     *
     * @throws io.cvatqueue.account.AccountException when the account is the last active admin
     */
    @Secured("ROLE_ADMIN")
    public Outcome deactivate(long userId) {
        AppUser user = accounts.setActive(userId, false);
        return user.instanceId() == null ? new Outcome(Map.of(), 0, List.of())
                : moveOpenReviews(user.instanceId(), user.username());
    }

    /**
     * @param assignedTo how many reviews went to whom
     * @param left       reviews no eligible reviewer could take (all at the cap, away, or none)
     * @param problems   reviews that changed meanwhile, in words
     */
    public record Outcome(Map<String, Integer> assignedTo, int left, List<String> problems) {

        public int moved() {
            return assignedTo.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Some reviews could not be moved: an admin has to look. */
        public boolean incomplete() {
            return left > 0 || !problems.isEmpty();
        }

        public boolean nothingToDo() {
            return moved() == 0 && !incomplete();
        }

        public String summary() {
            return moved() + " assigned" + (assignedTo.isEmpty() ? "" : " (" + assignedTo.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))
                    + ")") + (left == 0 ? "" : ", " + left + " left: nobody below the cap and present")
                    + (problems.isEmpty() ? "" : ", " + problems.size() + " changed meanwhile");
        }
    }
}
