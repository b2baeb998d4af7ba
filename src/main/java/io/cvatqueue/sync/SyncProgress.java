package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatModel.Job;

import java.util.List;

/** Told how far a sync of one task has got, for its status. */
@FunctionalInterface
public interface SyncProgress {

    SyncProgress NONE = (done, total) -> {
    };

    /**
     * @param done  completed jobs handled so far
     * @param total completed jobs CVAT listed for the task
     */
    void jobs(int done, int total);

    /** The task's jobs as CVAT listed them for this sync, once read: a screen shows them without a second call. */
    default void listed(List<Job> jobs) {
    }
}
