package io.cvatqueue.api;

import io.cvatqueue.review.priority.PriorityScope;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.settings.Priority;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Priorities", description = "Low, Normal, High or Urgent per project, task and job: the job's wins, "
        + "then the task's, then the project's. The queue orders by it and the review SLA depends on it.")
class PriorityApiController {

    private final PriorityService priorities;
    private final CurrentUser currentUser;

    PriorityApiController(PriorityService priorities, CurrentUser currentUser) {
        this.priorities = priorities;
        this.currentUser = currentUser;
    }

    @GetMapping("/{scope:projects|tasks|jobs}/{id}/priority")
    @Operation(summary = "The priority set on a project, task or job (null: it inherits)")
    PriorityAnswer get(@PathVariable String scope, @PathVariable long id,
                       @Parameter(description = "CVAT instance id (admins only; default: the caller's instance)")
                       @RequestParam(required = false) Long instance) {
        PriorityScope s = scope(scope);
        long instanceId = CallerInstance.of(currentUser.require(), instance);
        return new PriorityAnswer(s, id, priorities.get(instanceId, s, id).orElse(null), 0);
    }

    @PutMapping("/{scope:projects|tasks|jobs}/{id}/priority")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Set the priority of a project, task or job (admins)",
            description = "Body {\"priority\": \"URGENT\"} (LOW, NORMAL, HIGH, URGENT). Open reviews concerned follow "
                    + "at once: queue position, process variable and SLA timer.")
    PriorityAnswer set(@PathVariable String scope, @PathVariable long id, @RequestBody PriorityRequest request,
                       @RequestParam(required = false) Long instance) {
        PriorityScope s = scope(scope);
        long instanceId = CallerInstance.of(currentUser.require(), instance);
        Priority priority = Priority.parse(request == null ? null : request.priority());
        return new PriorityAnswer(s, id, priority, priorities.set(instanceId, s, id, priority));
    }

    @DeleteMapping("/{scope:projects|tasks|jobs}/{id}/priority")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Clear the priority of a project, task or job: it inherits again (admins)")
    PriorityAnswer clear(@PathVariable String scope, @PathVariable long id,
                         @RequestParam(required = false) Long instance) {
        PriorityScope s = scope(scope);
        long instanceId = CallerInstance.of(currentUser.require(), instance);
        return new PriorityAnswer(s, id, null, priorities.set(instanceId, s, id, null));
    }

    @PostMapping("/reviews/priority")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Set the priority of the jobs of several reviews at once (admins)",
            description = "Body {\"reviewIds\": [1, 2], \"priority\": \"HIGH\"}, as the queue's bulk action.")
    PriorityAnswer setForReviews(@RequestBody BulkPriorityRequest request) {
        if (request == null || request.reviewIds() == null || request.reviewIds().isEmpty()) {
            throw new IllegalArgumentException("Name the reviews in reviewIds");
        }
        Priority priority = Priority.parse(request.priority());
        return new PriorityAnswer(PriorityScope.JOB, null, priority,
                priorities.setForReviews(request.reviewIds(), priority));
    }

    private static PriorityScope scope(String path) {
        return PriorityScope.valueOf(path.substring(0, path.length() - 1).toUpperCase(Locale.ROOT));
    }

    record PriorityRequest(String priority) {
    }

    record BulkPriorityRequest(List<Long> reviewIds, String priority) {
    }

    /** @param openReviewsChanged open reviews whose effective priority changed */
    record PriorityAnswer(PriorityScope scope, Long id, Priority priority, int openReviewsChanged) {
    }
}
