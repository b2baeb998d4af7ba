package io.cvatqueue.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cvatqueue.ui.KaribuSpringTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the notification channel tests: the app (with the demo CVAT) sending e-mail to an in-process SMTP
 * server (GreenMail) and team webhooks to a stub, both on loopback; nothing leaves the machine. All subclasses
 * share one Spring context; each test starts with an empty outbox, mailbox and webhook.
 */
public abstract class NotificationChannelsTest extends KaribuSpringTest {

    protected static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    protected static final WebhookStub WEBHOOK = new WebhookStub();

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void channelsOnLoopback(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        properties.add("app.notifications.mail-from", () -> "queue@example.test");
        properties.add("app.notifications.webhook-timeout", () -> "1s");
        properties.add("app.notifications.max-attempts", () -> "3");
        properties.add("app.public-url", () -> "http://queue.example.test/");
    }

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected NotificationService notifications;
    @Autowired
    protected NotificationPreferences preferences;
    @Autowired
    protected DeliverySender sender;
    @Autowired
    protected DailyDigest digest;

    @BeforeEach
    void emptyOutboxMailboxAndWebhook() throws Exception {
        jdbc.update("delete from notification_delivery");
        jdbc.update("delete from team_webhook");
        SMTP.purgeEmailFromAllMailboxes();
        WEBHOOK.healthy();
    }

    protected Delivery.Status statusOf(long deliveryId) {
        return Delivery.Status.valueOf(jdbc.queryForObject("select status from notification_delivery where id = ?",
                String.class, deliveryId));
    }

    protected long onlyDeliveryId() {
        return jdbc.queryForObject("select id from notification_delivery", Long.class);
    }
}
