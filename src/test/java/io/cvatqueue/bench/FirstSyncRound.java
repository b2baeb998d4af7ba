package io.cvatqueue.bench;

import io.cvatqueue.sync.SyncResult;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskRepository;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round of the sync benchmarks on H2 and PostgreSQL: the stand-in's tasks of the round are tracked alone,
 * synced, and untracked again (their reviews stay), so each round is a first sync of jobs the app has never seen.
 */
final class FirstSyncRound {

    private final SyncService sync;
    private final TrackedTaskRepository trackedTasks;
    private final long instanceId;

    FirstSyncRound(SyncService sync, TrackedTaskRepository trackedTasks, long instanceId) {
        this.sync = sync;
        this.trackedTasks = trackedTasks;
        this.instanceId = instanceId;
    }

    /** Seconds to sync tasks {@code fromTask} to {@code toTask}, which must queue {@code jobs} new reviews. */
    double seconds(int fromTask, int toTask, int jobs) {
        trackedTasks.deleteAll(trackedTasks.findAll());
        track(fromTask, toTask);
        long start = System.nanoTime();
        SyncResult result = sync.syncAll("bench");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.queued()).isEqualTo(jobs);
        trackedTasks.deleteAll(trackedTasks.findAll());
        return seconds;
    }

    void track(int fromTask, int toTask) {
        for (int task = fromTask; task <= toTask; task++) {
            trackedTasks.save(new TrackedTask(null, instanceId, task, "Task " + task, 1L, "bench", Instant.now(),
                    null, null, null, true));
        }
    }
}
