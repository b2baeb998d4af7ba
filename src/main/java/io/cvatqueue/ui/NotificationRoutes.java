package io.cvatqueue.ui;

import io.cvatqueue.notification.NotificationKind;

/**
 * Where a notification leads, decided here in the UI from its kind (the domain does not know the routes). Every
 * kind leads to a screen the recipient may open.
 */
public final class NotificationRoutes {

    private NotificationRoutes() {
    }

    /**
     * @param recipientIsAdmin admins get the overdue notice as the queue's overseer, reviewers as the one who is late
     */
    public static String route(NotificationKind kind, boolean recipientIsAdmin) {
        return switch (kind) {
            case REVIEW_ASSIGNED, JOB_RETURNED -> "my-reviews";
            case REVIEW_OVERDUE -> recipientIsAdmin ? "admin/queue" : "my-reviews";
            case JOB_REJECTED, JOB_DELETED -> "history";
            case CVAT_CHANGED, RETURNED_TO_QUEUE -> recipientIsAdmin ? "admin/queue" : "my-reviews";
        };
    }
}
