package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.DeletedJobs;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewIntake;
import io.cvatqueue.review.ReviewStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings CVAT's completed jobs into the workflow. One list request per task (all its jobs, paged to the end);
 * for each job completed in stage annotation: no open review -> start one; review waiting for rework ->
 * correlate {@code annotationCompleted}; otherwise skip. An open review whose job is missing from the list is
 * checked with CVAT and ended when CVAT confirms the job is gone. Safe to run twice or on two nodes at once: the
 * open-review constraint and Camunda's optimistic locking let exactly one of them act.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final TrackedTaskRepository trackedTasks;
    private final ReviewRepository reviews;
    private final ReviewIntake intake;
    private final DeletedJobs deletedJobs;
    private final CvatInstanceService instances;
    private final Clock clock;
    private final ProjectTrackingService projectTracking;

    public SyncService(TrackedTaskRepository trackedTasks, ReviewRepository reviews, ReviewIntake intake,
                       DeletedJobs deletedJobs, CvatInstanceService instances, Clock clock,
                       ProjectTrackingService projectTracking) {
        this.projectTracking = projectTracking;
        this.trackedTasks = trackedTasks;
        this.reviews = reviews;
        this.intake = intake;
        this.deletedJobs = deletedJobs;
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
        CvatClient client;
        List<Job> jobs;
        try {
            client = instances.serviceClient(instanceId).in(organization(tracked));
            jobs = client.listJobs(cvatTaskId, null, null);
        } catch (CvatException e) {
            // logged and recorded on the task the same way whoever started the sync (timer, button, REST)
            log.warn("Sync of task {} (instance {}) by {} failed: {}", cvatTaskId, instanceId, actor, e.getMessage());
            trackedTasks.recordSync(tracked.id(), clock.instant(), "failed: " + e.getMessage());
            throw e;
        }
        Map<Long, Review> openReviews = reviews.findOpenByTask(instanceId, cvatTaskId).stream()
                .collect(Collectors.toMap(Review::cvatJobId, Function.identity(), (a, b) -> a));
        int queued = 0;
        int requeued = 0;
        int skipped = 0;
        for (Job job : jobs) {
            if (job.stage() != JobStage.ANNOTATION || job.state() != JobState.COMPLETED) {
                continue;
            }
            switch (handle(instanceId, job, openReviews.get(job.id()), actor)) {
                case QUEUED -> queued++;
                case REQUEUED -> requeued++;
                default -> skipped++;
            }
        }
        Set<Long> listed = jobs.stream().map(Job::id).collect(Collectors.toSet());
        int ended = 0;
        for (Review open : openReviews.values()) {
            if (!listed.contains(open.cvatJobId()) && endIfDeleted(client, open)) {
                ended++;
            }
        }
        SyncResult result = new SyncResult(queued, requeued, skipped, ended);
        trackedTasks.recordSync(tracked.id(), clock.instant(), result.summary());
        log.info("Synced task {} of instance {}: {}", cvatTaskId, instanceId, result.summary());
        return result;
    }

    /**
     * The task's organisation context; learnt from CVAT (and remembered) for tasks tracked before the app kept it.
     */
    private CvatOrganization organization(TrackedTask tracked) {
        if (tracked.cvatOrgKnown()) {
            return tracked.organization();
        }
        Long organizationId = instances.serviceClient(tracked.instanceId()).getTask(tracked.cvatTaskId())
                .organization();
        trackedTasks.rememberOrganization(tracked.id(), organizationId);
        return CvatOrganization.of(organizationId);
    }

    /**
     * Asks CVAT about one job missing from its task's list (a list is no proof: a token that lost access to an
     * organisation sees fewer jobs) and ends the review when CVAT says the job does not exist.
     */
    private boolean endIfDeleted(CvatClient client, Review open) {
        try {
            client.getJob(open.cvatJobId());
            return false;
        } catch (CvatException.NotFound e) {
            log.info("Job {} of task {} is gone from CVAT; ending its review {}", open.cvatJobId(), open.cvatTaskId(),
                    open.id());
            return deletedJobs.endReview(open.id(), DeletedJobs.REASON);
        } catch (CvatException e) {
            return false; // no answer now: the next sync asks again
        }
    }

    /**
     * A webhook said a job or task was deleted: ends the open reviews concerned that CVAT confirms are gone.
     *
     * @return how many reviews ended
     */
    public int handleDeleted(long instanceId, Long cvatTaskId, Long cvatJobId) {
        List<Review> concerned = cvatJobId != null
                ? reviews.findByOpenKey(Review.openKey(instanceId, cvatJobId)).stream().toList()
                : reviews.findOpenByTask(instanceId, cvatTaskId);
        if (concerned.isEmpty()) {
            return 0;
        }
        CvatClient client = instances.serviceClient(instanceId);
        int ended = 0;
        for (Review open : concerned) {
            client = client.in(open.organization());
            if (endIfDeleted(client, open)) {
                ended++;
            }
        }
        return ended;
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
                intake.open(instanceId, job, actor);
                return JobOutcome.QUEUED;
            }
            if (open.status() == ReviewStatus.REJECTED && intake.resumeAfterRework(open, job)) {
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
     * Tracks the tasks created in tracked projects since the last sync, then syncs every tracked task of every
     * instance. A failing task or instance is logged and recorded on the task;
     * the others still sync.
     */
    public SyncResult syncAll(String actor) {
        projectTracking.discoverNewTasks(actor);
        SyncResult total = SyncResult.NOTHING;
        for (TrackedTask task : trackedTasks.findAll()) {
            try {
                total = total.plus(syncTask(task.instanceId(), task.cvatTaskId(), actor));
            } catch (CvatException e) {
                // already logged and recorded on the task by syncTask; the other tasks still sync
            }
        }
        return total;
    }
}
