package io.cvatqueue.notification;

/**
 * The page of the app that shows what a notification is about, for the links of e-mails. The UI decides (the
 * domain does not know its routes); the same page as the notification's link in the app.
 */
public interface NotificationLinks {

    /** @return a path relative to the app's address, e.g. {@code my-reviews}; empty for the start page */
    String pathFor(NotificationKind kind, String recipient);
}
