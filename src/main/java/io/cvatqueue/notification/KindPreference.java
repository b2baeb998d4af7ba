package io.cvatqueue.notification;

/** A user's channels for one kind of notification. */
public record KindPreference(NotificationKind kind, boolean inApp, EmailMode email) {

    /** In-app on for every kind, e-mail off until the user chooses it. */
    public static KindPreference defaultFor(NotificationKind kind) {
        return new KindPreference(kind, true, EmailMode.OFF);
    }
}
