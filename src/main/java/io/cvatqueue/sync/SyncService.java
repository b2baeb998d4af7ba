package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewIntake;
import io.cvatqueue.review.drift.ChangeSource;
import io.cvatqueue.review.drift.CvatDriftWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import jakarta.annotation.PreDestroy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings CVAT's completed jobs into the workflow. One list request per task (all its jobs, paged to the end);
 * for each job completed in stage annotation: no open review -> start one; review waiting for rework ->
 * correlate {@code annotationCompleted}; otherwise skip. A job whose stage, state or assignee was changed in CVAT
 * outside the workflow while its review is open flags the review ({@link CvatDriftWatch}). An open review whose
 * job is missing from the list is checked with CVAT and ended when CVAT confirms the job is gone. Single jobs are
 * handled by {@link CvatJobEvents}, which CVAT's webhooks use too. Safe to run twice or on two nodes at once: the
 * open-review constraint and Camunda's optimistic locking let exactly one of them act.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final TrackedTaskRepository trackedTasks;
    private final ReviewRepository reviews;
    private final ReviewIntake intake;
    private final CvatDriftWatch driftWatch;
    private final CvatInstanceService instances;
    private final Clock clock;
    private final ExecutorService cvatReader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cvat-list-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private final ProjectTrackingService projectTracking;
    private final CvatJobEvents jobEvents;

    public SyncService(TrackedTaskRepository trackedTasks, ReviewRepository reviews, ReviewIntake intake,
                       CvatJobEvents jobEvents, CvatDriftWatch driftWatch, CvatInstanceService instances, Clock clock,
                       ProjectTrackingService projectTracking) {
        this.projectTracking = projectTracking;
        this.driftWatch = driftWatch;
        this.trackedTasks = trackedTasks;
        this.reviews = reviews;
        this.intake = intake;
        this.jobEvents = jobEvents;
        this.instances = instances;
        this.clock = clock;
    }

    /**
     * Syncs one tracked task.
     *
     * @throws CvatException when CVAT cannot be read; nothing is half-done then, the next sync repeats it
     */
    public SyncResult syncTask(long instanceId, long cvatTaskId, String actor) {
        return syncTask(instanceId, cvatTaskId, actor, SyncProgress.NONE);
    }

    /** Syncs one tracked task, telling {@code progress} after each batch of jobs. */
    public SyncResult syncTask(long instanceId, long cvatTaskId, String actor, SyncProgress progress) {
        TrackedTask tracked = trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, cvatTaskId)
                .orElseThrow(() -> new IllegalArgumentException("Task " + cvatTaskId + " is not tracked"));
        return apply(tracked, list(tracked, actor), actor, progress);
    }

    /** A task's jobs as CVAT lists them, and the client that read them (in the task's organisation). */
    private record Listing(CvatClient client, List<Job> jobs) {
    }

    private Listing list(TrackedTask tracked, String actor) {
        try {
            CvatClient client = instances.serviceClient(tracked.instanceId()).in(organization(tracked));
            return new Listing(client, client.listJobs(tracked.cvatTaskId(), null, null));
        } catch (CvatException e) {
            // logged and recorded on the task the same way whoever started the sync (timer, button, REST)
            log.warn("Sync of task {} (instance {}) by {} failed: {}", tracked.cvatTaskId(), tracked.instanceId(),
                    actor, e.getMessage());
            trackedTasks.recordSync(tracked.id(), clock.instant(), "failed: " + e.getMessage());
            throw e;
        }
    }

    private SyncResult apply(TrackedTask tracked, Listing listing, String actor, SyncProgress progress) {
        long instanceId = tracked.instanceId();
        long cvatTaskId = tracked.cvatTaskId();
        CvatClient client = listing.client();
        List<Job> jobs = listing.jobs();
        progress.listed(jobs);
        Map<Long, Review> openReviews = reviews.findOpenByTask(instanceId, cvatTaskId).stream()
                .collect(Collectors.toMap(Review::cvatJobId, Function.identity(), (a, b) -> a));
        List<Job> completed = jobs.stream()
                .filter(job -> job.stage() == JobStage.ANNOTATION && job.state() == JobState.COMPLETED).toList();
        List<Job> fresh = completed.stream().filter(job -> !openReviews.containsKey(job.id())).toList();
        int total = completed.size();
        progress.jobs(0, total);
        int queued = intake.openAll(instanceId, fresh, actor, handled -> progress.jobs(handled, total));
        int requeued = 0;
        int skipped = fresh.size() - queued;
        int flagged = 0;
        for (Job job : jobs) {
            Review open = openReviews.get(job.id());
            if (open == null) {
                continue; // a new completion: queued above, in batches
            }
            if (driftWatch.noticed(open, job, ChangeSource.sync())) {
                flagged++;
                continue;
            }
            if (job.stage() != JobStage.ANNOTATION || job.state() != JobState.COMPLETED) {
                continue;
            }
            switch (jobEvents.handle(instanceId, job, open, actor)) {
                case REQUEUED -> requeued++;
                default -> skipped++;
            }
            progress.jobs(queued + requeued + skipped, total);
        }
        Set<Long> listed = jobs.stream().map(Job::id).collect(Collectors.toSet());
        int ended = 0;
        for (Review open : openReviews.values()) {
            if (!listed.contains(open.cvatJobId()) && jobEvents.endIfDeleted(client, open)) {
                ended++;
            }
        }
        SyncResult result = new SyncResult(queued, requeued, skipped, ended);
        trackedTasks.recordSync(tracked.id(), clock.instant(), result.summary());
        log.info("Synced task {} of instance {}: {}{}", cvatTaskId, instanceId, result.summary(),
                flagged == 0 ? "" : ", " + flagged + " changed in CVAT outside the workflow");
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
     * Tracks the tasks created in tracked projects since the last sync, then syncs every tracked task of every
     * instance. A failing task or instance is logged and recorded on the task;
     * the others still sync.
     */
    public SyncResult syncAll(String actor) {
        projectTracking.discoverNewTasks(actor);
        List<TrackedTask> tasks = trackedTasks.findAll();
        SyncResult total = SyncResult.NOTHING;
        // the next task's list is read from CVAT while this one's reviews are started
        Future<Listing> next = tasks.isEmpty() ? null : listAhead(tasks.get(0), actor);
        for (int i = 0; i < tasks.size(); i++) {
            Future<Listing> current = next;
            next = i + 1 < tasks.size() ? listAhead(tasks.get(i + 1), actor) : null;
            try {
                total = total.plus(apply(tasks.get(i), listed(current), actor, SyncProgress.NONE));
            } catch (CvatException e) {
                // already logged and recorded on the task by list(); the other tasks still sync
            }
        }
        return total;
    }

    private Future<Listing> listAhead(TrackedTask task, String actor) {
        return cvatReader.submit(() -> list(task, actor));
    }

    private static Listing listed(Future<Listing> listing) {
        try {
            return listing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading CVAT", e);
        }
    }

    @PreDestroy
    void stop() {
        cvatReader.shutdownNow();
    }
}
