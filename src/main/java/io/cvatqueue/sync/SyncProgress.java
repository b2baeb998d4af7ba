package io.cvatqueue.sync;

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
}
