package io.cvatqueue.sync;

import java.time.Instant;

/**
 * Where a background sync of one task stands.
 *
 * @param done   completed jobs handled so far (reviews started, returned, or found open already)
 * @param total  completed jobs CVAT listed for the task; 0 until CVAT has answered
 * @param result what the sync did, once {@code DONE}
 * @param error  why it failed, once {@code FAILED}
 */
public record SyncStatus(String id, long instanceId, long cvatTaskId, String requestedBy, State state, int done,
                         int total, SyncResult result, String error, Instant requestedAt, Instant finishedAt) {

    public enum State {
        /** accepted, waiting for a free sync thread */
        QUEUED,
        /** reading CVAT or starting reviews */
        RUNNING,
        /** finished; {@code result} says what it did */
        DONE,
        /** stopped with {@code error}; what was committed before stays, the next sync does the rest */
        FAILED
    }
}
