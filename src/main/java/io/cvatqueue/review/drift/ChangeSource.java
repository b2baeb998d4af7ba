package io.cvatqueue.review.drift;

/**
 * How the app learnt of a job's state in CVAT.
 *
 * @param noticedBy {@code sync} or {@code webhook}
 * @param changedBy the CVAT user who changed the job (a webhook's sender); null when unknown
 */
public record ChangeSource(String noticedBy, String changedBy) {

    public static ChangeSource sync() {
        return new ChangeSource("sync", null);
    }

    public static ChangeSource webhook(String sender) {
        return new ChangeSource("webhook", sender);
    }
}
