package io.cvatqueue.sync;

/** What handling one completed job did; the counters of {@link SyncResult} add these up. */
public enum JobOutcome {
    /** a review was started */
    QUEUED,
    /** a rejected job was completed again and went back to its reviewer */
    REQUEUED,
    /** the job already has an open review, or another sync was quicker */
    SKIPPED,
    /** the job's task is not tracked: the app ignores it */
    NOT_TRACKED,
    /** the job was changed in CVAT outside the workflow: its review is flagged for an admin */
    FLAGGED,
    /** neither a completion nor a change outside the workflow */
    IGNORED
}
