package io.cvatqueue.notification;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AccountService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.List;

/** In-app notifications: stored per recipient, pushed to open sessions once the change is committed. */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final NotificationBroadcaster broadcaster;
    private final AccountService accounts;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, NotificationBroadcaster broadcaster,
                               AccountService accounts, Clock clock) {
        this.notifications = notifications;
        this.broadcaster = broadcaster;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Where the notification leads is the UI's business (ui.NotificationRoutes, from the kind). */
    public void notify(String recipient, NotificationKind kind, String message) {
        notifications.save(new Notification(null, recipient, kind, message, clock.instant(), null));
        afterCommit(() -> broadcaster.broadcast(recipient, message));
    }

    /** Notifies every active admin of the instance. */
    public void notifyAdmins(long instanceId, NotificationKind kind, String message) {
        accounts.activeUsersOf(instanceId).stream().filter(AppUser::isAdmin)
                .forEach(admin -> notify(admin.username(), kind, message));
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
