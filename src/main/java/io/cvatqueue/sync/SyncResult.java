package io.cvatqueue.sync;

/**
 * What one sync of a task did.
 *
 * @param queued   newly completed jobs that got a review
 * @param requeued rejected jobs completed again and returned to their reviewer
 * @param skipped  completed jobs that already have an open review (or another sync was quicker)
 * @param ended    open reviews ended because CVAT no longer has their job
 */
public record SyncResult(int queued, int requeued, int skipped, int ended) {

    public static final SyncResult NOTHING = new SyncResult(0, 0, 0, 0);

    public SyncResult(int queued, int requeued, int skipped) {
        this(queued, requeued, skipped, 0);
    }

    public SyncResult plus(SyncResult other) {
        return new SyncResult(queued + other.queued, requeued + other.requeued, skipped + other.skipped,
                ended + other.ended);
    }

    public String summary() {
        return "queued " + queued + ", re-queued " + requeued + ", skipped " + skipped
                + (ended == 0 ? "" : ", ended " + ended + " (job deleted in CVAT)");
    }
}
