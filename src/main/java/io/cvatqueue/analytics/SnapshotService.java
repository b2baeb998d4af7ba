package io.cvatqueue.analytics;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.AnnotationCounts;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Annotation snapshots of tracked tasks. A refresh lists a task's jobs with one (paged) call, then downloads
 * annotations only for jobs whose {@code updated_date} moved since their latest snapshot, a few at a time: CVAT
 * answers {@code GET /api/jobs/{id}/annotations/} slowly for big jobs, and a burst of them slows it for everyone.
 * A job whose download fails is reported and retried on the next refresh; the other jobs are saved.
 */
@Service
public class SnapshotService {

    static final String TIMER_LOCK = "snapshot-timer";
    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);
    private static final int MAX_ERRORS_TEXT = 4000;

    private final AnnotationSnapshotRepository snapshots;
    private final TaskRefreshRepository refreshes;
    private final TrackedTaskService trackedTasks;
    private final CvatInstanceService instances;
    private final RefreshGuard guard;
    private final Clock clock;
    private final Duration interval;
    /** Shared by all refreshes of this node, so the bound holds however many run at once. */
    private final ExecutorService downloads;
    /** Runs refreshes started from the UI, off the request thread. */
    private final ExecutorService background;

    public SnapshotService(AnnotationSnapshotRepository snapshots, TaskRefreshRepository refreshes,
                           TrackedTaskService trackedTasks, CvatInstanceService instances, RefreshGuard guard,
                           Clock clock,
                           @Value("${app.analytics.snapshot-interval:30m}") Duration interval,
                           @Value("${app.analytics.max-concurrent-downloads:4}") int maxConcurrentDownloads) {
        this.snapshots = snapshots;
        this.refreshes = refreshes;
        this.trackedTasks = trackedTasks;
        this.instances = instances;
        this.guard = guard;
        this.clock = clock;
        this.interval = interval;
        this.downloads = Executors.newFixedThreadPool(Math.max(1, maxConcurrentDownloads),
                named("analytics-download-"));
        this.background = Executors.newFixedThreadPool(2, named("analytics-refresh-"));
    }

    @PreDestroy
    void shutdown() {
        background.shutdownNow();
        downloads.shutdownNow();
    }

    /**
     * Refreshes the snapshots of one tracked task now.
     *
     * @throws AnalyticsException.UnknownTask    when the task is not tracked in the instance
     * @throws AnalyticsException.AlreadyRunning when another refresh of the task runs (on any node)
     * @throws CvatException                     when CVAT cannot list the task's jobs; nothing is saved then
     */
    public RefreshSummary refreshTask(long instanceId, long taskId, RefreshProgress progress) {
        TrackedTask task = trackedTasks.find(instanceId, taskId)
                .orElseThrow(() -> new AnalyticsException.UnknownTask(taskId));
        // a refresh of a big task may take minutes; a node that dies keeps the task locked only this long
        RefreshGuard.Lease lease = guard.tryLock(taskLock(instanceId, taskId), Duration.ofMinutes(15))
                .orElseThrow(() -> new AnalyticsException.AlreadyRunning(taskId));
        try {
            return refresh(instanceId, task.cvatTaskId(), progress);
        } finally {
            guard.release(lease);
        }
    }

    /** {@link #refreshTask} on a background thread, for the UI. */
    public CompletableFuture<RefreshSummary> refreshTaskInBackground(long instanceId, long taskId,
                                                                     RefreshProgress progress) {
        return CompletableFuture.supplyAsync(() -> refreshTask(instanceId, taskId, progress), background);
    }

    /**
     * The timer's refresh of every tracked task of every instance. Runs on one node at a time and at most once per
     * half interval across the cluster; a task that fails or is being refreshed by someone else is skipped.
     *
     * @return the summaries of the refreshed tasks, or empty when another node ran or runs it
     */
    public Optional<List<RefreshSummary>> refreshAllIfDue() {
        Instant now = clock.instant();
        Optional<RefreshGuard.Lease> lease = guard.tryLockIfNotFinishedSince(TIMER_LOCK, interval,
                now.minus(interval.dividedBy(2)));
        if (lease.isEmpty()) {
            log.debug("Snapshot refresh skipped: another node runs it or ran it moments ago");
            return Optional.empty();
        }
        try {
            List<RefreshSummary> summaries = new ArrayList<>();
            for (CvatInstance instance : instances.list()) {
                for (TrackedTask task : trackedTasks.list(instance.id())) {
                    try {
                        summaries.add(refreshTask(instance.id(), task.cvatTaskId(), RefreshProgress.NONE));
                    } catch (CvatException | AnalyticsException e) {
                        log.warn("Snapshot refresh of task {} (instance {}) skipped: {}", task.cvatTaskId(),
                                instance.id(), e.getMessage());
                    }
                }
            }
            return Optional.of(summaries);
        } finally {
            guard.release(lease.get());
        }
    }

    /** The latest snapshot of every job of the task, by job id. */
    /** @throws AnalyticsException.UnknownTask when the task is not tracked in the instance */
    public List<AnnotationSnapshot> latestJobs(long instanceId, long taskId) {
        if (trackedTasks.find(instanceId, taskId).isEmpty()) {
            throw new AnalyticsException.UnknownTask(taskId);
        }
        return snapshots.findLatestPerJob(instanceId, taskId);
    }

    public Optional<TaskRefresh> lastRefresh(long instanceId, long taskId) {
        return refreshes.findLatest(instanceId, taskId);
    }

    /**
     * The task's annotation totals over time: one point per refresh that saw changes, each job counted with its
     * newest snapshot up to that moment, plus the last refresh so the line reaches the present.
     */
    public List<TimelinePoint> timeline(long instanceId, long taskId) {
        Map<Long, AnnotationSnapshot> current = new java.util.HashMap<>();
        List<TimelinePoint> points = new ArrayList<>();
        List<AnnotationSnapshot> all = snapshots.findByTaskInCaptureOrder(instanceId, taskId);
        for (int i = 0; i < all.size(); i++) {
            AnnotationSnapshot snapshot = all.get(i);
            current.put(snapshot.cvatJobId(), snapshot);
            boolean lastOfCapture = i == all.size() - 1 || !all.get(i + 1).capturedAt().equals(snapshot.capturedAt());
            if (lastOfCapture) {
                points.add(TimelinePoint.sum(snapshot.capturedAt(), current.values()));
            }
        }
        if (!points.isEmpty()) {
            TimelinePoint last = points.get(points.size() - 1);
            lastRefresh(instanceId, taskId).map(TaskRefresh::refreshedAt)
                    .filter(at -> at.isAfter(last.at()))
                    .ifPresent(at -> points.add(last.at(at)));
        }
        return points;
    }

    /** Per current assignee: annotations in their jobs, jobs, and jobs completed, from the latest snapshots. */
    public List<AnnotatorProgress> annotatorProgress(long instanceId, long taskId) {
        return AnnotatorProgress.of(latestJobs(instanceId, taskId));
    }

    private RefreshSummary refresh(long instanceId, long taskId, RefreshProgress progress) {
        // databases keep microseconds: what is returned now must equal what is read back later
        Instant capturedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CvatClient client = instances.serviceClient(instanceId).in(trackedTasks.organization(instanceId, taskId));
        List<Job> jobs = client.listJobs(taskId, null, null);
        Map<Long, AnnotationSnapshot> latest = latestJobs(instanceId, taskId).stream()
                .collect(Collectors.toMap(AnnotationSnapshot::cvatJobId, Function.identity()));
        List<Job> changed = jobs.stream()
                .filter(job -> !latest.containsKey(job.id()) || latest.get(job.id()).isOutdatedBy(job))
                .toList();
        progress.downloaded(0, changed.size());

        List<Future<AnnotationCounts>> pending = changed.stream()
                .map(job -> downloads.submit(() -> client.annotationCounts(job.id())))
                .toList();
        int downloaded = 0;
        List<String> errors = new ArrayList<>();
        try {
            for (int i = 0; i < changed.size(); i++) {
                Job job = changed.get(i);
                try {
                    AnnotationCounts counts = pending.get(i).get();
                    snapshots.save(AnnotationSnapshot.of(instanceId, job, counts, capturedAt));
                    downloaded++;
                } catch (ExecutionException e) {
                    errors.add("Job " + job.id() + ": " + describe(e.getCause()));
                    if (!(e.getCause() instanceof CvatException)) {
                        log.warn("Annotation download of job {} failed", job.id(), e.getCause());
                    }
                }
                progress.downloaded(i + 1, changed.size());
            }
        } catch (InterruptedException e) {
            pending.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new AnalyticsException("The refresh of task " + taskId + " was interrupted");
        }
        RefreshSummary summary = new RefreshSummary(taskId, capturedAt, jobs.size(), downloaded,
                jobs.size() - changed.size(), errors.size(), List.copyOf(errors));
        refreshes.save(new TaskRefresh(null, instanceId, taskId, capturedAt, summary.jobs(), summary.downloaded(),
                summary.unchanged(), summary.failed(), errors.isEmpty() ? null : truncate(String.join("\n", errors))));
        log.info("Snapshot refresh of task {} (instance {}): {}", taskId, instanceId, summary.describe());
        return summary;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERRORS_TEXT ? text : text.substring(0, MAX_ERRORS_TEXT - 1) + "…";
    }

    private static String taskLock(long instanceId, long taskId) {
        return "snapshot-task:" + instanceId + ":" + taskId;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
