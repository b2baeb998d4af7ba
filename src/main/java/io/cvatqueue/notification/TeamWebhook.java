package io.cvatqueue.notification;

import java.util.Set;

/**
 * A team's (CVAT instance's) incoming webhook as admins see it: never the URL itself, only a hint of it.
 *
 * @param urlHint scheme, host and the URL's last characters, or null when the team has no webhook
 */
public record TeamWebhook(long instanceId, String instanceName, String urlHint, Set<NotificationKind> kinds) {

    public boolean configured() {
        return urlHint != null;
    }
}
