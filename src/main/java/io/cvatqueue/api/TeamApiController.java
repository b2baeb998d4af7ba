package io.cvatqueue.api;

import io.cvatqueue.review.assignment.AssignmentService;
import io.cvatqueue.review.assignment.ReviewerWorkload;
import io.cvatqueue.review.away.AwayPeriod;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Team", description = "Workload per reviewer, balanced assignment and reviewers away")
class TeamApiController {

    private final AssignmentService assignment;
    private final AwayService away;
    private final CurrentUser currentUser;

    TeamApiController(AssignmentService assignment, AwayService away, CurrentUser currentUser) {
        this.assignment = assignment;
        this.away = away;
        this.currentUser = currentUser;
    }

    @GetMapping("/workload")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Each reviewer's assigned, in-review and overdue reviews, open frames and away status")
    List<ReviewerWorkload> workload(@RequestParam(required = false) Long instance) {
        return assignment.workload(CallerInstance.of(currentUser.require(), instance));
    }

    @PostMapping("/queue/distribute")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Assign the queued reviews by the assignment policy, the most urgent first (admins)")
    AssignmentService.Outcome distribute(@RequestParam(required = false) Long instance) {
        return assignment.distributeQueue(CallerInstance.of(currentUser.require(), instance));
    }

    @PostMapping("/reviewers/{username}/move-open-reviews")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Move a reviewer's open reviews to other reviewers by the assignment policy (admins)")
    AssignmentService.Outcome move(@PathVariable String username, @RequestParam(required = false) Long instance) {
        return assignment.moveOpenReviews(CallerInstance.of(currentUser.require(), instance), username);
    }

    @GetMapping("/reviewers/{username}/away")
    @Operation(summary = "A reviewer's current and coming away periods")
    List<AwayPeriod> awayPeriods(@PathVariable String username) {
        return away.currentAndComing(username);
    }

    @PostMapping("/reviewers/{username}/away")
    @Operation(summary = "Mark a reviewer away (yourself, or anyone as admin)",
            description = "Body {\"from\": \"2026-12-01T00:00:00Z\", \"until\": \"2026-12-15T00:00:00Z\", \"note\": "
                    + "\"holiday\"}. No new reviews are assigned to them meanwhile.")
    AwayPeriod markAway(@PathVariable String username, @RequestBody AwayRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("Give from and until");
        }
        return away.markAway(username, request.from(), request.until(), request.note());
    }

    @DeleteMapping("/away/{periodId}")
    @Operation(summary = "End or remove an away period (its reviewer, or an admin)")
    void cancelAway(@PathVariable long periodId) {
        away.cancel(periodId);
    }

    record AwayRequest(Instant from, Instant until, String note) {
    }
}
