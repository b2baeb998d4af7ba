package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatModel.Job;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task's sync off the caller's thread, so that a screen or a REST client does not wait while CVAT is read
 * and reviews are started. A second request for a task whose sync is still running joins that sync instead of
 * starting another. Each run has a status (queued, running with progress, done with its result, or failed) that
 * stays readable for {@link #KEPT} after it ended, on the node that ran it.
 */
@Service
public class BackgroundSync {

    /** How long the status of an ended sync stays readable. */
    static final Duration KEPT = Duration.ofHours(1);

    private final SyncService sync;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    @Autowired
    public BackgroundSync(SyncService sync, Clock clock) {
        this(sync, Executors.newFixedThreadPool(2, daemonThreads()), clock);
    }

    BackgroundSync(SyncService sync, ExecutorService executor, Clock clock) {
        this.sync = sync;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts (or joins) the sync of one tracked task; the future fails with the sync's exception. */
    public CompletableFuture<SyncResult> syncTask(long instanceId, long cvatTaskId, String actor) {
        return start(instanceId, cvatTaskId, actor).result;
    }

    /**
     * Like {@link #syncTask}, and also hands over the task's jobs as this sync listed them, so that a screen can show
     * them without asking CVAT a second time.
     */
    public CompletableFuture<ListedSync> syncTaskAndList(long instanceId, long cvatTaskId, String actor) {
        Run run = start(instanceId, cvatTaskId, actor);
        return run.result.thenApply(result -> new ListedSync(result, run.listed));
    }

    /** A sync's result with the jobs CVAT listed for it. */
    public record ListedSync(SyncResult result, List<Job> jobs) {
    }

    /** Starts (or joins) the sync of one tracked task and answers its status at once. */
    public SyncStatus startSync(long instanceId, long cvatTaskId, String actor) {
        return start(instanceId, cvatTaskId, actor).status();
    }

    /** The status of a sync started on this node, while it runs and for {@link #KEPT} after. */
    public Optional<SyncStatus> status(String id) {
        return Optional.ofNullable(runs.get(id)).map(Run::status);
    }

    public boolean isRunning(long instanceId, long cvatTaskId) {
        return running.containsKey(instanceId + ":" + cvatTaskId);
    }

    private Run start(long instanceId, long cvatTaskId, String actor) {
        forgetOldRuns();
        String key = instanceId + ":" + cvatTaskId;
        Run started = new Run(UUID.randomUUID().toString(), instanceId, cvatTaskId, actor, clock.instant());
        Run already = running.putIfAbsent(key, started);
        if (already != null) {
            return already;
        }
        runs.put(started.id, started);
        executor.execute(() -> {
            try {
                started.state = SyncStatus.State.RUNNING;
                SyncResult result = sync.syncTask(instanceId, cvatTaskId, actor, started);
                started.end(SyncStatus.State.DONE, result, null, clock.instant());
                running.remove(key, started);
                started.result.complete(result);
            } catch (Throwable e) {
                started.end(SyncStatus.State.FAILED, null, e.getMessage(), clock.instant());
                running.remove(key, started);
                started.result.completeExceptionally(e);
            }
        });
        return started;
    }

    private void forgetOldRuns() {
        Instant before = clock.instant().minus(KEPT);
        runs.values().removeIf(run -> run.finishedAt != null && run.finishedAt.isBefore(before));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "background-sync-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One sync as it goes; written by its thread, read by anyone asking for its status. */
    private static final class Run implements SyncProgress {
        final String id;
        final long instanceId;
        final long cvatTaskId;
        final String requestedBy;
        final Instant requestedAt;
        final CompletableFuture<SyncResult> result = new CompletableFuture<>();
        volatile SyncStatus.State state = SyncStatus.State.QUEUED;
        volatile int done;
        volatile int total;
        volatile SyncResult outcome;
        volatile String error;
        volatile Instant finishedAt;

        Run(String id, long instanceId, long cvatTaskId, String requestedBy, Instant requestedAt) {
            this.id = id;
            this.instanceId = instanceId;
            this.cvatTaskId = cvatTaskId;
            this.requestedBy = requestedBy;
            this.requestedAt = requestedAt;
        }

        /** For {@link #syncTaskAndList}; kept with the run's status, i.e. for {@link #KEPT}. */
        volatile List<Job> listed = List.of();

        @Override
        public void jobs(int jobsDone, int jobsTotal) {
            done = jobsDone;
            total = jobsTotal;
        }

        @Override
        public void listed(List<Job> jobs) {
            listed = jobs;
        }

        void end(SyncStatus.State endState, SyncResult syncResult, String message, Instant at) {
            outcome = syncResult;
            error = message;
            finishedAt = at;
            state = endState;
        }

        SyncStatus status() {
            return new SyncStatus(id, instanceId, cvatTaskId, requestedBy, state, done, total, outcome, error,
                    requestedAt, finishedAt);
        }
    }
}
