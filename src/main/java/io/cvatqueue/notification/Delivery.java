package io.cvatqueue.notification;

import java.time.Instant;

/**
 * One e-mail or webhook post in the outbox.
 *
 * @param recipient  the user, for e-mails; null for webhooks
 * @param instanceId the team, for webhooks; null for e-mails
 * @param kind       null for a digest, which bundles several kinds
 */
public record Delivery(long id, Channel channel, String recipient, Long instanceId, NotificationKind kind,
                       String message, Status status, int attempts, Instant nextAttemptAt, String lastError,
                       Instant createdAt, Instant sentAt) {

    public enum Channel { EMAIL, DIGEST, WEBHOOK }

    public enum Status { PENDING, SENDING, SENT, FAILED, HELD, BUNDLED }
}
