package io.cvatqueue.notification;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

@Table("notification")
public record Notification(@Id Long id, String recipient, NotificationKind kind, String message,
                           Instant createdAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
