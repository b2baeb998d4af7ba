package io.cvatqueue.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The analytics endpoints of the original app, kept for scripts that use them. They answer for the task in the
 * caller's own CVAT instance and use snake_case JSON as before. Callers authenticate with HTTP Basic
 * ({@code SecurityConfig#taskAnalyticsApi}).
 */
@RestController
class AnalyticsController {

    private final SnapshotService snapshots;
    private final CurrentUser currentUser;

    AnalyticsController(SnapshotService snapshots, CurrentUser currentUser) {
        this.snapshots = snapshots;
        this.currentUser = currentUser;
    }

    /** Per job: the latest counts, stage, state, annotator, CVAT's updated_date and when that snapshot was taken. */
    @GetMapping("/task/{taskId}/analytics/jobs")
    List<JobJson> jobs(@PathVariable long taskId) {
        long instanceId = currentUser.require().instanceId();
        return snapshots.latestJobs(instanceId, taskId).stream().map(JobJson::of).toList();
    }

    /** Runs a refresh now and answers when it is done. */
    @PostMapping("/task/{taskId}/analytics/refresh")
    RefreshJson refresh(@PathVariable long taskId) {
        long instanceId = currentUser.require().instanceId();
        return RefreshJson.of(snapshots.refreshTask(instanceId, taskId, RefreshProgress.NONE));
    }

    @ExceptionHandler(AnalyticsException.UnknownTask.class)
    ProblemDetail unknownTask(AnalyticsException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(AnalyticsException.AlreadyRunning.class)
    ProblemDetail alreadyRunning(AnalyticsException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** CVAT could not list the task's jobs: nothing was refreshed. */
    @ExceptionHandler(CvatException.class)
    ProblemDetail cvatFailed(CvatException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record JobJson(long jobId, long taskId, int shapes, int tracks, int tags, int total, String stage, String state,
                   String annotator, Instant updatedDate, Instant snapshotAt) {
        static JobJson of(AnnotationSnapshot s) {
            return new JobJson(s.cvatJobId(), s.cvatTaskId(), s.shapes(), s.tracks(), s.tags(), s.total(), s.stage(),
                    s.state(), s.assignee(), s.jobUpdatedDate(), s.capturedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RefreshJson(long taskId, Instant refreshedAt, int jobs, int downloaded, int unchanged, int failed,
                       List<String> errors) {
        static RefreshJson of(RefreshSummary s) {
            return new RefreshJson(s.taskId(), s.refreshedAt(), s.jobs(), s.downloaded(), s.unchanged(), s.failed(),
                    s.errors());
        }
    }
}
