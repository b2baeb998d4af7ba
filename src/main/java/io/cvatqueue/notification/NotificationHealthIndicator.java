package io.cvatqueue.notification;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code notifications} in /actuator/health: always UP (a team's webhook or the SMTP server being down does not
 * stop the app), with the e-mail setting and how many deliveries failed or wait, for admins' monitoring.
 */
@Component("notifications")
class NotificationHealthIndicator implements HealthIndicator {

    private final DeliveryOutbox outbox;
    private final MailChannel mail;

    NotificationHealthIndicator(DeliveryOutbox outbox, MailChannel mail) {
        this.outbox = outbox;
        this.mail = mail;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("email", mail.describe())
                .withDetail("failed", outbox.count(Delivery.Status.FAILED))
                .withDetail("pending", outbox.count(Delivery.Status.PENDING)).build();
    }
}
