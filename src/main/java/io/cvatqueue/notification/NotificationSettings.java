package io.cvatqueue.notification;

import java.util.List;

/**
 * A user's notification settings: the e-mail address (null: none) and one preference per kind, in the order of
 * {@link NotificationKind}.
 */
public record NotificationSettings(String email, List<KindPreference> preferences) {

    public KindPreference of(NotificationKind kind) {
        return preferences.stream().filter(p -> p.kind() == kind).findFirst()
                .orElseGet(() -> KindPreference.defaultFor(kind));
    }
}
