package io.cvatqueue.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registration attempts per client address that make the server call a CVAT: at most
 * {@code app.registration.max-attempts} per {@code app.registration.window}. Keeps the registration form from
 * being a tool to probe other servers and from hammering CVAT with token guesses. In memory, per node.
 */
@Component
class RegistrationRateLimit {

    private static final int MAX_TRACKED_CLIENTS = 10_000;

    private final Clock clock;
    private final int maxAttempts;
    private final Duration window;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    RegistrationRateLimit(Clock clock, @Value("${app.registration.max-attempts:10}") int maxAttempts,
                          @Value("${app.registration.window:15m}") Duration window) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.window = window;
    }

    /** Counts one attempt of this client, or refuses it with a message saying when to try again. */
    void acquire(String clientAddress) {
        Instant now = clock.instant();
        Instant[] refusedUntil = new Instant[1];
        attempts.compute(clientAddress, (key, times) -> {
            Deque<Instant> recent = times == null ? new ArrayDeque<>() : times;
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
                recent.pollFirst();
            }
            if (recent.size() >= maxAttempts) {
                refusedUntil[0] = recent.peekFirst().plus(window);
            } else {
                recent.addLast(now);
            }
            return recent;
        });
        if (attempts.size() > MAX_TRACKED_CLIENTS) {
            attempts.values().removeIf(times -> times.isEmpty() || times.peekLast().isBefore(now.minus(window)));
        }
        if (refusedUntil[0] != null) {
            long minutes = Math.max(1, (Duration.between(now, refusedUntil[0]).toSeconds() + 59) / 60);
            throw new AccountException("Too many registration attempts from your address. Try again in "
                    + minutes + (minutes == 1 ? " minute." : " minutes."));
        }
    }
}
