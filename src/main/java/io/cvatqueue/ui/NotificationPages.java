package io.cvatqueue.ui;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationLinks;
import org.springframework.stereotype.Component;

/** E-mails link to the page the notification leads to in the app ({@link NotificationRoutes}). */
@Component
class NotificationPages implements NotificationLinks {

    private final AccountService accounts;

    NotificationPages(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String pathFor(NotificationKind kind, String recipient) {
        return accounts.findByUsername(recipient)
                .map(user -> NotificationRoutes.route(kind, user.isAdmin()))
                .orElse("");
    }
}
