package io.cvatqueue.security;

import io.cvatqueue.account.AccountChanged;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The HTTP sessions and open pages of each account on this node. When an admin deactivates an account, its open
 * pages are sent to the login page with a message and its sessions end; after a role change its pages reload with
 * the new menu. Sessions on other nodes of a cluster follow at their next request ({@link LiveAccountFilter}).
 */
@Component
public class AccountSessions implements HttpSessionListener {

    /** Session attribute holding the id of the account the session belongs to. */
    static final String USER_ID = AccountSessions.class.getName() + ".userId";
    private static final Logger log = LoggerFactory.getLogger(AccountSessions.class);

    private final Map<Long, Set<HttpSession>> sessions = new ConcurrentHashMap<>();
    private final Map<Long, List<Consumer<AccountChanged.Change>>> pages = new ConcurrentHashMap<>();

    /** Remembers that this session belongs to this account; cheap to call on every request. */
    void track(long userId, HttpSession session) {
        if (!Long.valueOf(userId).equals(session.getAttribute(USER_ID))) {
            session.setAttribute(USER_ID, userId);
        }
        sessions.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /**
     * Lets an open page react to changes of its user's account (e.g. reload or go to the login page).
     *
     * @return call it when the page closes
     */
    public Runnable onChange(long userId, Consumer<AccountChanged.Change> page) {
        pages.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(page);
        return () -> pages.computeIfPresent(userId, (id, list) -> {
            list.remove(page);
            return list.isEmpty() ? null : list;
        });
    }

    int sessionCount(long userId) {
        return sessions.getOrDefault(userId, Set.of()).size();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void accountChanged(AccountChanged event) {
        // pages first: a deactivated user's page must learn where to go before its session is gone
        for (Consumer<AccountChanged.Change> page : pages.getOrDefault(event.userId(), List.of())) {
            try {
                page.accept(event.change());
            } catch (RuntimeException e) {
                log.debug("Could not tell an open page of {} about the change: {}", event.username(), e.getMessage());
            }
        }
        if (event.change() == AccountChanged.Change.DEACTIVATED) {
            endSessions(event.userId(), event.username());
        }
    }

    private void endSessions(long userId, String username) {
        Set<HttpSession> ended = sessions.remove(userId);
        if (ended == null) {
            return;
        }
        for (HttpSession session : ended) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // ended meanwhile (logout or timeout)
            }
        }
        log.info("Ended {} session(s) of deactivated account {}", ended.size(), username);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        if (event.getSession().getAttribute(USER_ID) instanceof Long userId) {
            sessions.computeIfPresent(userId, (id, set) -> {
                set.remove(event.getSession());
                return set.isEmpty() ? null : set;
            });
        }
    }
}
