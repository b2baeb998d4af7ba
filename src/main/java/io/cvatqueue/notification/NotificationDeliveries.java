package io.cvatqueue.notification;

import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;

/** What admins see of the outbox: deliveries not sent (yet), with their errors, and retrying them. */
@Service
public class NotificationDeliveries {

    private static final List<Delivery.Status> UNSENT = List.of(Delivery.Status.FAILED, Delivery.Status.PENDING,
            Delivery.Status.SENDING);

    private final DeliveryOutbox outbox;
    private final DeliverySender sender;
    private final MailChannel mail;
    private final Clock clock;

    public NotificationDeliveries(DeliveryOutbox outbox, DeliverySender sender, MailChannel mail, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.mail = mail;
        this.clock = clock;
    }

    /** Failed deliveries first, then pending and in-flight ones, newest first. */
    @Secured("ROLE_ADMIN")
    public List<Delivery> unsent(int limit) {
        return outbox.list(UNSENT, limit);
    }

    @Secured("ROLE_ADMIN")
    public long failedCount() {
        return outbox.count(Delivery.Status.FAILED);
    }

    /**
     * Makes a failed or waiting delivery due now and wakes the sender.
     *
     * @throws NoSuchElementException for an unknown delivery
     * @throws NotificationException when it was sent meanwhile
     */
    @Secured("ROLE_ADMIN")
    public Delivery retryNow(long id) {
        outbox.find(id).orElseThrow(() -> new NoSuchElementException("Notification delivery " + id + " not found"));
        if (!outbox.retryNow(id, clock.instant())) {
            throw new NotificationException("Delivery " + id + " is being sent or was sent already");
        }
        sender.wakeUp();
        return outbox.find(id).orElseThrow();
    }

    @Secured("ROLE_ADMIN")
    public int retryAllFailed() {
        int due = outbox.retryAllFailed(clock.instant());
        sender.wakeUp();
        return due;
    }

    /** Where e-mail goes, or that it is off. */
    public String mailStatus() {
        return mail.describe();
    }

    public boolean mailAvailable() {
        return mail.available();
    }
}
