package io.cvatqueue.api;

import io.cvatqueue.sync.BackgroundSync;
import io.cvatqueue.sync.SyncStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.NoSuchElementException;

@RestController
@RequestMapping("/api/v1/syncs")
@Tag(name = "Tracked tasks", description = "The CVAT tasks whose completed jobs are queued for review")
class SyncApiController {

    private final BackgroundSync background;

    SyncApiController(BackgroundSync background) {
        this.background = background;
    }

    @GetMapping("/{id}")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Status of a sync started with POST /api/v1/tasks/{taskId}/sync (admins)",
            description = "QUEUED, RUNNING with progress (done of total completed jobs), DONE with the result or "
                    + "FAILED with the error. Kept for an hour after the sync ended, on the node that ran it.")
    SyncStatus status(@PathVariable String id) {
        return background.status(id).orElseThrow(() -> new NoSuchElementException(
                "No sync " + id + " on this node (a status is kept for an hour after the sync ended)"));
    }
}
