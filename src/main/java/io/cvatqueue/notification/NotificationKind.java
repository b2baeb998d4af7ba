package io.cvatqueue.notification;

/** What a notification is about; users choose their channels per kind, teams which kinds their webhook gets. */
public enum NotificationKind {
    REVIEW_ASSIGNED("Review assigned to you"),
    JOB_RETURNED("Job back for re-review"),
    JOB_REJECTED("Job rejected"),
    REVIEW_OVERDUE("Review overdue"),
    JOB_DELETED("Job deleted in CVAT"),
    CVAT_CHANGED("Job changed in CVAT outside the workflow"),
    RETURNED_TO_QUEUE("Rework back in the queue while its reviewer is away or deactivated");

    private final String label;

    NotificationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
