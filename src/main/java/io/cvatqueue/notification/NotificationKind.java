package io.cvatqueue.notification;

public enum NotificationKind {
    REVIEW_ASSIGNED, JOB_RETURNED, JOB_REJECTED, REVIEW_OVERDUE, JOB_DELETED, CVAT_CHANGED, RETURNED_TO_QUEUE
}
