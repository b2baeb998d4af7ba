package io.cvatqueue.notification;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Tells open browser sessions on this node that a user has news, so badges update through server push.
 * In a cluster, users on other nodes see the change at their next page load or poll.
 */
@Component
public class NotificationBroadcaster {

    private final Map<String, Set<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    /** Registers a listener for one user; run the returned handle to unregister (e.g. on detach). */
    public Runnable register(String username, Consumer<String> listener) {
        listeners.computeIfAbsent(username, u -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.getOrDefault(username, Set.of()).remove(listener);
    }

    void broadcast(String username, String message) {
        listeners.getOrDefault(username, Set.of()).forEach(listener -> listener.accept(message));
    }
}
