package io.cvatqueue.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Once a day ({@code NOTIFICATION_DIGEST_SCHEDULE}, a Spring cron, default 07:00 server time) each user's
 * notifications held for the digest become one e-mail. Every node runs it; the bundling is atomic per user, so a
 * user still gets one digest.
 */
@Component
public class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

    private final DeliveryOutbox outbox;
    private final DeliverySender sender;
    private final Clock clock;
    private final boolean background;

    DailyDigest(DeliveryOutbox outbox, DeliverySender sender, Clock clock,
                @Value("${camunda.bpm.job-execution.enabled:true}") boolean background) {
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
        this.background = background;
    }

    @Scheduled(cron = "${app.notifications.digest-schedule:0 0 7 * * *}")
    void scheduled() {
        if (background) {
            int digests = bundle();
            log.info("Daily notification digest: {} e-mail(s) to send", digests);
            sender.wakeUp();
        }
    }

    /** Bundles every user's held notifications into one digest e-mail each; returns how many digests were made. */
    public int bundle() {
        return outbox.bundleDigests(clock.instant());
    }
}
