package io.cvatqueue.notification;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AccountService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Notifications: in-app ones are stored per recipient and pushed to open sessions once the change is committed;
 * e-mails and team webhook posts are written to the outbox in the same transaction and sent after the commit by
 * {@link DeliverySender}, so sending never holds up or rolls back the workflow, and nothing is lost when it fails.
 */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final NotificationBroadcaster broadcaster;
    private final AccountService accounts;
    private final NotificationPreferences preferences;
    private final TeamWebhookService teams;
    private final MailChannel mail;
    private final DeliveryOutbox outbox;
    private final DeliverySender sender;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, NotificationBroadcaster broadcaster,
                               AccountService accounts, NotificationPreferences preferences, TeamWebhookService teams,
                               MailChannel mail, DeliveryOutbox outbox, DeliverySender sender, Clock clock) {
        this.notifications = notifications;
        this.broadcaster = broadcaster;
        this.accounts = accounts;
        this.preferences = preferences;
        this.teams = teams;
        this.mail = mail;
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * Tells one user, on the channels they chose for the kind, and their team's webhook if it takes the kind.
     * Where the notification leads is the UI's business (ui.NotificationRoutes, from the kind).
     */
    @Transactional
    public void notify(String recipient, NotificationKind kind, String message) {
        Optional<AppUser> account = accounts.findByUsername(recipient);
        // a deactivated account cannot log in to act on it: no notice and no e-mail; its team still hears of it
        if (account.map(AppUser::active).orElse(true)) {
            toUser(recipient, kind, message);
        }
        account.ifPresent(user -> toTeam(user.instanceId(), kind, message, "For " + recipient + ": " + message));
    }

    /** Notifies every active admin of the instance, and the instance's team webhook once. */
    @Transactional
    public void notifyAdmins(long instanceId, NotificationKind kind, String message) {
        accounts.activeUsersOf(instanceId).stream().filter(AppUser::isAdmin)
                .forEach(admin -> toUser(admin.username(), kind, message));
        toTeam(instanceId, kind, message, message);
    }

    private void toUser(String recipient, NotificationKind kind, String message) {
        KindPreference preference = preferences.of(recipient).of(kind);
        if (preference.inApp()) {
            notifications.save(new Notification(null, recipient, kind, message, clock.instant(), null));
            afterCommit(() -> broadcaster.broadcast(recipient, message));
        }
        if (preference.email() != EmailMode.OFF && mail.available() && preferences.emailAddress(recipient) != null) {
            outbox.enqueueEmail(recipient, kind, message, preference.email() == EmailMode.DIGEST, clock.instant());
            afterCommit(sender::wakeUp);
        }
    }

    /**
     * Posts to the team's webhook once per event: the overdue notice goes to the admins and the reviewer with the
     * same message, and the channel should see it once. Events are told apart by kind and message within the
     * transaction that raised them.
     */
    private void toTeam(long instanceId, NotificationKind kind, String message, String text) {
        if (!teams.wants(instanceId, kind) || !postedInThisTransaction().add(instanceId + ":" + kind + ":" + message)) {
            return;
        }
        outbox.enqueueWebhook(instanceId, kind, text, clock.instant());
        afterCommit(sender::wakeUp);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> postedInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashSet<>();
        }
        Object key = NotificationService.class;
        Set<String> posted = (Set<String>) TransactionSynchronizationManager.getResource(key);
        if (posted == null) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(key, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            posted = fresh;
        }
        return posted;
    }

    public List<Notification> latest(String recipient, int limit) {
        return notifications.latest(recipient, limit);
    }

    public long unreadCount(String recipient) {
        return notifications.countUnread(recipient);
    }

    public void markAllRead(String recipient) {
        notifications.markAllRead(recipient, clock.instant());
        broadcaster.broadcast(recipient, null);
    }

    public void markRead(String recipient, long notificationId) {
        notifications.markRead(notificationId, recipient, clock.instant());
        broadcaster.broadcast(recipient, null);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
