package io.cvatqueue.notification;

/** A notification setting that cannot be saved or a test message that could not be sent; the message says why. */
public class NotificationException extends RuntimeException {

    public NotificationException(String message) {
        super(message);
    }

    public NotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
