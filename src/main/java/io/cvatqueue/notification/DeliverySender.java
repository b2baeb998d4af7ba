package io.cvatqueue.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox after the commit, on a thread of its own: woken when a transaction wrote deliveries, and every
 * {@code app.notifications.send-interval} for retries. A failed attempt is tried again after a delay that doubles
 * each time ({@code retry-delay}, at most an hour), up to {@code max-attempts}; then the row stays FAILED for
 * admins (Admin > Notifications). Once a target (a team's webhook, the SMTP server) failed in a round, its other
 * rows wait for the next round, so a slow server costs one timeout per round, not one per row. Runs where the
 * workflow's job executor runs (not in tests, which call {@link #sendDue()} themselves).
 */
@Component
public class DeliverySender {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);
    private static final int BATCH = 100;
    private static final Duration LONGEST_DELAY = Duration.ofHours(1);
    private static final DateTimeFormatter DIGEST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final DeliveryOutbox outbox;
    private final MailChannel mail;
    private final WebhookChannel webhooks;
    private final TeamWebhookService teams;
    private final NotificationPreferences preferences;
    private final Clock clock;
    private final boolean background;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final Duration lease;
    private final String publicUrl;
    private final NotificationLinks links;
    private final MeterRegistry meters;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notification-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    DeliverySender(DeliveryOutbox outbox, MailChannel mail, WebhookChannel webhooks, TeamWebhookService teams,
                   NotificationPreferences preferences, NotificationLinks links, Clock clock, MeterRegistry meters,
                   @Value("${camunda.bpm.job-execution.enabled:true}") boolean background,
                   @Value("${app.notifications.max-attempts:6}") int maxAttempts,
                   @Value("${app.notifications.retry-delay:1m}") Duration retryDelay,
                   @Value("${app.notifications.lease:5m}") Duration lease,
                   @Value("${app.public-url:}") String publicUrl) {
        this.outbox = outbox;
        this.mail = mail;
        this.webhooks = webhooks;
        this.teams = teams;
        this.preferences = preferences;
        this.links = links;
        this.clock = clock;
        this.meters = meters;
        this.background = background;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
        this.lease = lease;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        for (Delivery.Status status : List.of(Delivery.Status.PENDING, Delivery.Status.FAILED, Delivery.Status.HELD)) {
            Gauge.builder("cvat_queue.notification.deliveries", () -> outbox.count(status))
                    .description("Notification e-mails and webhook posts not sent (yet), by status")
                    .tag("status", status.name()).register(meters);
        }
    }

    /** Deliveries were written: send them soon, on the sender's thread. */
    void wakeUp() {
        if (background && wakeUpQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeUpQueued.set(false);
                try {
                    sendDue();
                } catch (RuntimeException e) {
                    log.warn("Sending notifications failed: {}", e.getMessage(), e);
                }
            });
        }
    }

    @Scheduled(fixedDelayString = "${app.notifications.send-interval:15s}",
            initialDelayString = "${app.notifications.send-interval:15s}")
    void retry() {
        wakeUp();
    }

    /** Sends what is due now; returns how many were sent. */
    public int sendDue() {
        Instant now = clock.instant();
        Set<String> failedTargets = new HashSet<>();
        int sent = 0;
        for (Delivery delivery : outbox.due(now, BATCH)) {
            String target = delivery.channel() == Delivery.Channel.WEBHOOK ? "webhook:" + delivery.instanceId() : "smtp";
            if (failedTargets.contains(target) || !outbox.claim(delivery, now, now.plus(lease))) {
                continue;
            }
            int attempt = delivery.attempts() + 1;
            try {
                send(delivery);
                outbox.sent(delivery.id(), clock.instant());
                count(delivery, "sent");
                sent++;
            } catch (Undeliverable e) {
                outbox.attemptFailed(delivery.id(), e.getMessage(), null);
                count(delivery, "failed");
            } catch (RuntimeException e) {
                failedTargets.add(target);
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                boolean last = attempt >= maxAttempts;
                log.info("Notification {} {} ({}), attempt {} of {}: {}", delivery.channel(), delivery.id(),
                        delivery.channel() == Delivery.Channel.WEBHOOK ? "team " + delivery.instanceId()
                                : delivery.recipient(), attempt, maxAttempts, error);
                outbox.attemptFailed(delivery.id(), error, last ? null : clock.instant().plus(delay(attempt)));
                count(delivery, last ? "failed" : "retry");
            }
        }
        return sent;
    }

    /** 1, 2, 4, ... times the retry delay, at most an hour. */
    Duration delay(int attempt) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    private void send(Delivery delivery) {
        switch (delivery.channel()) {
            case WEBHOOK -> webhooks.post(webhookUrl(delivery.instanceId()), withLink(delivery.message()));
            case EMAIL -> mail.send(address(delivery), "[CVAT Queue Manager] " + delivery.kind().label(),
                    delivery.message() + "\n" + footer(links.pathFor(delivery.kind(), delivery.recipient())));
            case DIGEST -> sendDigest(delivery);
        }
    }

    private void sendDigest(Delivery digest) {
        List<Delivery> items = outbox.digestItems(digest.id());
        StringBuilder body = new StringBuilder("Your notifications since the last digest:\n\n");
        for (Delivery item : items) {
            body.append("- ").append(DIGEST_TIME.format(item.createdAt())).append("  ")
                    .append(item.kind() == null ? "" : item.kind().label() + ": ").append(item.message()).append('\n');
        }
        mail.send(address(digest), "[CVAT Queue Manager] Daily digest: " + items.size() + " notification"
                + (items.size() == 1 ? "" : "s"), body + footer(""));
    }

    private String webhookUrl(long instanceId) {
        try {
            return teams.url(instanceId).orElseThrow(() -> new Undeliverable("The team has no webhook any more"));
        } catch (IllegalStateException e) {
            throw new Undeliverable("The team's webhook URL cannot be decrypted (was APP_SECRET_KEY or secret.key "
                    + "changed?): enter it again under Admin > Notifications");
        }
    }

    private String address(Delivery delivery) {
        if (!mail.available()) {
            throw new Undeliverable("E-mail is off: no SMTP server is configured (SPRING_MAIL_HOST)");
        }
        String address = preferences.emailAddress(delivery.recipient());
        if (address == null) {
            throw new Undeliverable(delivery.recipient() + " has no e-mail address any more");
        }
        return address;
    }

    /**
     * An e-mail links to the page its notification leads to in the app; a digest, which mixes kinds, and a team's
     * post, read by several people, to the start page.
     */
    private String footer(String path) {
        return (publicUrl.isEmpty() ? "" : "\nOpen CVAT Queue Manager: " + publicUrl + "/" + path)
                + "\nChoose which notifications you get by e-mail under My account.";
    }

    private String withLink(String text) {
        return publicUrl.isEmpty() ? text : text + "\n" + publicUrl;
    }

    private void count(Delivery delivery, String outcome) {
        Counter.builder("cvat_queue.notification.sent").description("Attempts to send notification deliveries")
                .tag("channel", delivery.channel().name()).tag("outcome", outcome).register(meters).increment();
    }

    /** Cannot succeed by trying again (no address, no webhook, e-mail off): failed at once, until an admin retries. */
    static final class Undeliverable extends RuntimeException {
        Undeliverable(String message) {
            super(message);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
