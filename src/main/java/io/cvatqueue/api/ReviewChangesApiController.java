package io.cvatqueue.api;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.drift.CvatDrift;
import io.cvatqueue.review.drift.CvatDriftService;
import io.cvatqueue.review.rework.ReworkReports;
import io.cvatqueue.review.rework.ReworkReports.ReworkReport;
import io.cvatqueue.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What changed about a review's job: the rework since the last rejection (computed in the background when the job
 * came back), and changes made in CVAT outside the workflow, with the admin's two ways to deal with them.
 */
@RestController
@RequestMapping("/api/v1/reviews/{id}")
@Tag(name = "Reviews", description = "Assign, start and decide reviews; read a review with its audit trail")
class ReviewChangesApiController {

    private final ReviewService reviews;
    private final ReworkReports rework;
    private final CvatDriftService drift;
    private final CurrentUser currentUser;

    ReviewChangesApiController(ReviewService reviews, ReworkReports rework, CvatDriftService drift,
                               CurrentUser currentUser) {
        this.reviews = reviews;
        this.rework = rework;
        this.drift = drift;
        this.currentUser = currentUser;
    }

    @GetMapping("/rework")
    @Operation(summary = "What the annotator changed since the last rejection",
            description = "Per label the objects added, removed and changed, the frames touched (with links that open "
                    + "CVAT at the frame) and whether the issues open at the rejection were resolved. status PENDING "
                    + "while it is computed in the background, UNAVAILABLE with a problem when it cannot be. 404 when "
                    + "the job has not come back from a rejection.")
    ReworkReport rework(@PathVariable long id) {
        Review review = readable(id);
        return rework.latest(review).orElseThrow(() -> new NoSuchElementException(
                "Job " + review.cvatJobId() + " has not come back from a rejection yet"));
    }

    @GetMapping("/cvat-changes")
    @Operation(summary = "Changes made in CVAT outside the workflow while the review was open, oldest first",
            description = "An entry without resolution is open: adopt CVAT's state or restore the workflow's.")
    List<CvatDrift> changes(@PathVariable long id) {
        readable(id);
        return drift.history(id);
    }

    @PostMapping("/cvat-changes/adopt")
    @Operation(summary = "Adopt CVAT's state (admins)",
            description = "The workflow follows CVAT: accepted in CVAT ends the review as ACCEPTED_IN_CVAT, another "
                    + "stage ends it as CHANGED_IN_CVAT; a changed assignee takes the review if they have an account.")
    ChangeOutcome adopt(@PathVariable long id) {
        return new ChangeOutcome(drift.adopt(openChange(id).id()), reviews.get(id).status().name());
    }

    @PostMapping("/cvat-changes/restore")
    @Operation(summary = "Restore the workflow's state in CVAT (admins)",
            description = "CVAT's job is patched back to the stage, state and assignee the workflow left it in.")
    ChangeOutcome restore(@PathVariable long id) {
        return new ChangeOutcome(drift.restore(openChange(id).id()), reviews.get(id).status().name());
    }

    private CvatDrift openChange(long id) {
        Review review = readable(id);
        return drift.openFor(id).orElseThrow(() -> new ReviewException(
                "Job " + review.cvatJobId() + " has no open change made in CVAT outside the workflow"));
    }

    private Review readable(long id) {
        AppUser user = currentUser.require();
        Review review;
        try {
            review = reviews.get(id);
        } catch (ReviewException e) {
            throw new NoSuchElementException(e.getMessage());
        }
        if (!user.isAdmin() && !user.username().equals(review.reviewer())) {
            throw new AccessDeniedException("Only the assigned reviewer or an admin may read this review");
        }
        return review;
    }

    /** @param status the review's status afterwards */
    record ChangeOutcome(String outcome, String status) {
    }
}
