package io.cvatqueue.api;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.sync.BackgroundSync;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.SyncStatus;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;

@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tracked tasks", description = "The CVAT tasks whose completed jobs are queued for review")
class TaskApiController {

    private final TrackedTaskService trackedTasks;
    private final SyncService sync;
    private final BackgroundSync background;
    private final CurrentUser currentUser;

    TaskApiController(TrackedTaskService trackedTasks, SyncService sync, BackgroundSync background,
                      CurrentUser currentUser) {
        this.trackedTasks = trackedTasks;
        this.sync = sync;
        this.background = background;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(summary = "Tracked tasks of a CVAT instance, with the outcome of their last sync")
    List<TrackedTask> list(@Parameter(description = "CVAT instance id (admins only; default: the caller's instance)")
                           @RequestParam(required = false) Long instance) {
        return trackedTasks.list(instanceOf(currentUser.require(), instance));
    }

    @PostMapping("/{taskId}/sync")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Sync one tracked task now (admins)",
            description = "Queues the task's newly completed jobs and returns rejected jobs completed again to their "
                    + "reviewer, as the periodic sync does. Answers 202 at once with the sync's status; its "
                    + "Location (GET /api/v1/syncs/{id}) shows the progress and, when done, the result. With "
                    + "wait=true, answers when the sync is done with its result, or 503 when CVAT cannot be reached.")
    ResponseEntity<Object> sync(@PathVariable long taskId,
                                @Parameter(description = "CVAT instance id (default: the caller's instance)")
                                @RequestParam(required = false) Long instance,
                                @Parameter(description = "answer when the sync is done, with its result")
                                @RequestParam(defaultValue = "false") boolean wait) {
        AppUser user = currentUser.require();
        long instanceId = instanceOf(user, instance);
        if (trackedTasks.find(instanceId, taskId).isEmpty()) {
            throw new NoSuchElementException("Task " + taskId + " is not tracked");
        }
        if (wait) {
            return ResponseEntity.ok(sync.syncTask(instanceId, taskId, user.username()));
        }
        SyncStatus status = background.startSync(instanceId, taskId, user.username());
        return ResponseEntity.accepted().location(URI.create("/api/v1/syncs/" + status.id())).body(status);
    }

    @PostMapping
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Track CVAT tasks (admins)",
            description = "Body {\"taskIds\": [3, 4]}. Tasks tracked already stay as they are; an id CVAT does not "
                    + "list is refused (400) and nothing is tracked.")
    TrackAnswer track(@RequestBody TaskIds request, @RequestParam(required = false) Long instance) {
        long instanceId = instanceOf(currentUser.require(), instance);
        List<TrackedTask> tracked = trackedTasks.trackAll(instanceId, ids(request));
        return new TrackAnswer(tracked, ids(request).stream().distinct().count() - tracked.size());
    }

    @DeleteMapping
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Stop tracking CVAT tasks (admins)",
            description = "Repeat taskId for several tasks. Open reviews stay. A task of a tracked project stays "
                    + "untracked when the project finds it again.")
    UntrackAnswer untrack(@RequestParam List<Long> taskId, @RequestParam(required = false) Long instance) {
        long instanceId = instanceOf(currentUser.require(), instance);
        return new UntrackAnswer(trackedTasks.untrackAll(instanceId, taskId));
    }

    @DeleteMapping("/{taskId}")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Stop tracking one CVAT task (admins); 404 when it is not tracked")
    UntrackAnswer untrackOne(@PathVariable long taskId, @RequestParam(required = false) Long instance) {
        long instanceId = instanceOf(currentUser.require(), instance);
        if (trackedTasks.find(instanceId, taskId).isEmpty()) {
            throw new NoSuchElementException("Task " + taskId + " is not tracked");
        }
        return new UntrackAnswer(trackedTasks.untrackAll(instanceId, List.of(taskId)));
    }

    private static List<Long> ids(TaskIds request) {
        if (request == null || request.taskIds() == null || request.taskIds().isEmpty()) {
            throw new IllegalArgumentException("Name the CVAT tasks in taskIds");
        }
        return request.taskIds();
    }

    record TaskIds(List<Long> taskIds) {
    }

    /** @param alreadyTracked named tasks that were tracked before */
    record TrackAnswer(List<TrackedTask> tracked, long alreadyTracked) {
    }

    record UntrackAnswer(int untracked) {
    }

    private static long instanceOf(AppUser user, Long requested) {
        if (requested == null || requested.longValue() == user.instanceId()) {
            return user.instanceId();
        }
        if (!user.isAdmin()) {
            throw new AccessDeniedException("Reviewers see only their own CVAT instance");
        }
        return requested;
    }
}
