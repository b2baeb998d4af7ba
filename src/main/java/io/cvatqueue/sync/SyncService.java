package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings CVAT's completed jobs into the workflow. One list request per task (all completed jobs in stage
 * annotation, paged to the end); for each job: no open review -> start one; review waiting for rework ->
 * correlate {@code annotationCompleted}; otherwise skip. Safe to run twice or on two nodes at once: the
 * open-review constraint and Camunda's optimistic locking let exactly one of them act.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final TrackedTaskRepository trackedTasks;
    private final ReviewRepository reviews;
    private final ReviewService reviewService;
    private final CvatInstanceService instances;
    private final Clock clock;

    public SyncService(TrackedTaskRepository trackedTasks, ReviewRepository reviews, ReviewService reviewService,
                       CvatInstanceService instances, Clock clock) {
        this.trackedTasks = trackedTasks;
        this.reviews = reviews;
        this.reviewService = reviewService;
        this.instances = instances;
        this.clock = clock;
    }

    /**
     * Syncs one tracked task.
     *
     * @throws CvatException when CVAT cannot be read; nothing is half-done then, the next sync repeats it
     */
    public SyncResult syncTask(long instanceId, long cvatTaskId, String actor) {
        TrackedTask tracked = trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, cvatTaskId)
                .orElseThrow(() -> new IllegalArgumentException("Task " + cvatTaskId + " is not tracked"));
        CvatClient client = instances.serviceClient(instanceId);
        List<Job> completed = client.listJobs(cvatTaskId, JobStage.ANNOTATION, JobState.COMPLETED);
        Map<Long, Review> openReviews = reviews.findOpenByTask(instanceId, cvatTaskId).stream()
                .collect(Collectors.toMap(Review::cvatJobId, Function.identity(), (a, b) -> a));
        int queued = 0;
        int requeued = 0;
        int skipped = 0;
        for (Job job : completed) {
            switch (handle(instanceId, job, openReviews.get(job.id()), actor)) {
                case QUEUED -> queued++;
                case REQUEUED -> requeued++;
                default -> skipped++;
            }
        }
        SyncResult result = new SyncResult(queued, requeued, skipped);
        trackedTasks.recordSync(tracked.id(), clock.instant(), result.summary());
        log.info("Synced task {} of instance {}: {}", cvatTaskId, instanceId, result.summary());
        return result;
    }

    /**
     * Handles one job that CVAT reports completed in stage annotation, by the same rules as a sync of its task:
     * for CVAT's webhooks, which announce single jobs. The caller has checked stage and state.
     */
    public JobOutcome handleCompletedJob(long instanceId, Job job, String actor) {
        if (trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, job.taskId()).isEmpty()) {
            return JobOutcome.NOT_TRACKED;
        }
        Review open = reviews.findByOpenKey(Review.openKey(instanceId, job.id())).orElse(null);
        return handle(instanceId, job, open, actor);
    }

    private JobOutcome handle(long instanceId, Job job, Review open, String actor) {
        try {
            if (open == null) {
                reviewService.open(instanceId, job, actor);
                return JobOutcome.QUEUED;
            }
            if (open.status() == ReviewStatus.REJECTED && reviewService.resumeAfterRework(open, job)) {
                return JobOutcome.REQUEUED;
            }
            return JobOutcome.SKIPPED;
        } catch (RuntimeException e) {
            if (!handledConcurrently(e)) {
                throw e;
            }
            return JobOutcome.SKIPPED;
        }
    }

    /** True when another sync (on this node or another) handled the job at the same moment. */
    private static boolean handledConcurrently(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException || t instanceof ConcurrencyFailureException
                    || t instanceof org.camunda.bpm.engine.OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }

    /** What handling one completed job did; the counters of {@link SyncResult} add these up. */
    public enum JobOutcome {
        /** a review was started */
        QUEUED,
        /** a rejected job was completed again and went back to its reviewer */
        REQUEUED,
        /** the job already has an open review, or another sync was quicker */
        SKIPPED,
        /** the job's task is not tracked: the app ignores it */
        NOT_TRACKED
    }

    /**
     * Syncs every tracked task of every instance. A failing task or instance is logged and recorded on the task;
     * the others still sync.
     */
    public SyncResult syncAll(String actor) {
        SyncResult total = SyncResult.NOTHING;
        for (TrackedTask task : trackedTasks.findAll()) {
            try {
                total = total.plus(syncTask(task.instanceId(), task.cvatTaskId(), actor));
            } catch (CvatException e) {
                log.warn("Sync of task {} (instance {}) failed: {}", task.cvatTaskId(), task.instanceId(),
                        e.getMessage());
                trackedTasks.recordSync(task.id(), clock.instant(), "failed: " + e.getMessage());
            }
        }
        return total;
    }
}
