package io.cvatqueue.api;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.review.AuditEntry;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The review actions of the UI, for scripts. {@link ReviewService} enforces who may do what (admins assign;
 * the assigned reviewer or an admin starts and decides); CVAT is updated by the workflow right after.
 */
@RestController
@RequestMapping("/api/v1/reviews/{id}")
@Tag(name = "Reviews", description = "Assign, start and decide reviews; read a review with its audit trail")
class ReviewApiController {

    private final ReviewService reviews;
    private final CurrentUser currentUser;

    ReviewApiController(ReviewService reviews, CurrentUser currentUser) {
        this.reviews = reviews;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(summary = "A review with its audit trail",
            description = "Admins read any review; reviewers only those assigned to them.")
    ReviewDetails get(@PathVariable long id) {
        AppUser user = currentUser.require();
        Review review = find(id);
        if (!user.isAdmin() && !user.username().equals(review.reviewer())) {
            throw new AccessDeniedException("Only the assigned reviewer or an admin may read this review");
        }
        return details(review);
    }

    @PostMapping("/assign")
    @Operation(summary = "Assign a queued review to a reviewer (admins)")
    ReviewDetails assign(@PathVariable long id, @RequestBody AssignRequest request) {
        if (request == null || request.reviewer() == null || request.reviewer().isBlank()) {
            throw new IllegalArgumentException("Give the reviewer's username: {\"reviewer\": \"rita\"}");
        }
        find(id);
        reviews.assign(id, request.reviewer());
        return details(find(id));
    }

    @PostMapping("/start")
    @Operation(summary = "Start reviewing: CVAT shows the job in validation",
            description = "The answer's cvatUrl opens the job in CVAT. Starting twice is harmless.")
    ReviewDetails start(@PathVariable long id) {
        find(id);
        reviews.startReview(id);
        return details(find(id));
    }

    @PostMapping("/decision")
    @Operation(summary = "Approve or reject a review in progress",
            description = "REJECTED needs a reason. The review's status changes once the workflow has updated CVAT, "
                    + "usually within seconds; the audit trail shows the decision at once.")
    ReviewDetails decide(@PathVariable long id, @RequestBody DecisionRequest request) {
        find(id);
        if (ReviewVariables.DECISION_APPROVED.equals(request.decision())) {
            reviews.approve(id, request.note());
        } else if (ReviewVariables.DECISION_REJECTED.equals(request.decision())) {
            reviews.reject(id, request.reason(), request.note());
        } else {
            throw new IllegalArgumentException("decision must be APPROVED or REJECTED");
        }
        return details(find(id));
    }

    private Review find(long id) {
        try {
            return reviews.get(id);
        } catch (ReviewException e) {
            // ReviewService.get reports a missing review this way; over HTTP that is a 404
            throw new NoSuchElementException(e.getMessage());
        }
    }

    private ReviewDetails details(Review review) {
        List<AuditEntry> audit = reviews.auditTrail(review.id());
        return new ReviewDetails(review.id(), review.instanceId(), review.cvatTaskId(), review.cvatJobId(),
                review.status(), review.reviewer(), review.annotatorUsername(), review.rejectionCount(),
                review.overdue(), review.outcome(), review.endReason(), review.queuedAt(), review.assignedAt(),
                review.reviewStartedAt(), review.decidedAt(), review.updatedAt(), reviews.jobUrl(review), audit);
    }

    record AssignRequest(String reviewer) {
    }

    /** @param decision APPROVED or REJECTED */
    record DecisionRequest(String decision, String reason, String note) {
    }

    /** A review, where its job is in CVAT, and everything that happened to the job (oldest first). */
    record ReviewDetails(long id, long instanceId, long cvatTaskId, long cvatJobId, ReviewStatus status,
                         String reviewer, String annotator, int rejectionCount, boolean overdue, String outcome,
                         String endReason, Instant queuedAt, Instant assignedAt, Instant reviewStartedAt,
                         Instant decidedAt, Instant updatedAt, String cvatUrl, List<AuditEntry> audit) {
    }
}
