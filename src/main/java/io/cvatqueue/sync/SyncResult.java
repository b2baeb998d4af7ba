package io.cvatqueue.sync;

/**
 * What one sync of a task did.
 *
 * @param queued   newly completed jobs that got a review
 * @param requeued rejected jobs completed again and returned to their reviewer
 * @param skipped  completed jobs that already have an open review (or another sync was quicker)
 */
public record SyncResult(int queued, int requeued, int skipped) {

    public static final SyncResult NOTHING = new SyncResult(0, 0, 0);

    public SyncResult plus(SyncResult other) {
        return new SyncResult(queued + other.queued, requeued + other.requeued, skipped + other.skipped);
    }

    public String summary() {
        return "queued " + queued + ", re-queued " + requeued + ", skipped " + skipped;
    }
}
