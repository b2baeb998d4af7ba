package io.cvatqueue.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, for the login form, HTTP Basic and API tokens alike. Two counters:
 * <ul>
 *   <li>per account name: after {@code app.login.account-free-failures} failures in a row the name is locked, first
 *   for {@code account-first-lock}, doubling with every further failure up to {@code account-max-lock}. Kept in
 *   the database, so every node of a cluster sees it and admins can list and unlock;</li>
 *   <li>per client address: the same with larger numbers, against one client trying many names (or API tokens);
 *   kept in memory per node.</li>
 * </ul>
 * While locked, even the right password is refused, so the lock cannot be used to confirm a guess. Failures are
 * forgotten a day after the last one, and on a successful login.
 */
@Service
public class LoginThrottle {

    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final int MAX_TRACKED_CLIENTS = 10_000;
    private static final int MAX_NAME = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Policy account;
    private final Policy client;
    private final Map<String, Counter> clients = new ConcurrentHashMap<>();

    public LoginThrottle(JdbcTemplate jdbc, Clock clock,
                         @Value("${app.login.account-free-failures:5}") int accountFreeFailures,
                         @Value("${app.login.account-first-lock:30s}") Duration accountFirstLock,
                         @Value("${app.login.account-max-lock:15m}") Duration accountMaxLock,
                         @Value("${app.login.client-free-failures:20}") int clientFreeFailures,
                         @Value("${app.login.client-first-lock:1m}") Duration clientFirstLock,
                         @Value("${app.login.client-max-lock:1h}") Duration clientMaxLock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.account = new Policy(accountFreeFailures, accountFirstLock, accountMaxLock);
        this.client = new Policy(clientFreeFailures, clientFirstLock, clientMaxLock);
    }

    /** Until when a login for this name from this client is refused; empty when it may be tried now. */
    public Optional<Instant> lockedUntil(String username, String clientAddress) {
        Instant now = clock.instant();
        Instant accountLock = username == null ? null : accountLock(name(username), now);
        Instant clientLock = clientLock(clientAddress, now);
        if (accountLock == null) {
            return Optional.ofNullable(clientLock);
        }
        return Optional.of(clientLock == null || accountLock.isAfter(clientLock) ? accountLock : clientLock);
    }

    /** Counts a wrong password for this name and client; {@code username} null for a wrong API token. */
    @Transactional
    public void failed(String username, String clientAddress) {
        Instant now = clock.instant();
        if (username != null) {
            accountFailed(name(username), now);
        }
        if (clientAddress != null) {
            clients.compute(clientAddress, (key, counter) -> Counter.next(counter, client, now));
            if (clients.size() > MAX_TRACKED_CLIENTS) {
                clients.values().removeIf(c -> c.forgotten(now));
            }
        }
    }

    @Transactional
    public void succeeded(String username, String clientAddress) {
        jdbc.update("delete from login_failure where username = ?", name(username));
        if (clientAddress != null) {
            clients.remove(clientAddress);
        }
    }

    /** Account names locked right now, for the admins' user list. */
    public Map<String, Instant> lockedAccounts() {
        Map<String, Instant> locked = new java.util.HashMap<>();
        jdbc.query("select username, locked_until from login_failure where locked_until > ?",
                rs -> {
                    locked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, Timestamp.from(clock.instant()));
        return locked;
    }

    /** Lifts the lock of an account name and forgets its failures (an admin's decision). */
    @Transactional
    public void unlock(String username) {
        jdbc.update("delete from login_failure where username = ?", name(username));
    }

    private Instant accountLock(String username, Instant now) {
        List<Timestamp> until = jdbc.queryForList(
                "select locked_until from login_failure where username = ? and locked_until > ?",
                Timestamp.class, username, Timestamp.from(now));
        return until.isEmpty() ? null : until.get(0).toInstant();
    }

    private void accountFailed(String username, Instant now) {
        List<Integer> failures = jdbc.queryForList(
                "select failures from login_failure where username = ? and last_failure_at > ?",
                Integer.class, username, Timestamp.from(now.minus(FORGET_AFTER)));
        int count = failures.isEmpty() ? 1 : failures.get(0) + 1;
        Instant lockedUntil = account.lockAfter(count, now);
        Timestamp lock = lockedUntil == null ? null : Timestamp.from(lockedUntil);
        int updated = jdbc.update("update login_failure set failures = ?, last_failure_at = ?, locked_until = ? "
                + "where username = ?", count, Timestamp.from(now), lock, username);
        if (updated == 0) {
            jdbc.update("insert into login_failure (username, failures, last_failure_at, locked_until) "
                    + "values (?, ?, ?, ?)", username, count, Timestamp.from(now), lock);
        }
    }

    private Instant clientLock(String clientAddress, Instant now) {
        Counter counter = clientAddress == null ? null : clients.get(clientAddress);
        return counter == null || counter.lockedUntil() == null || !counter.lockedUntil().isAfter(now)
                ? null : counter.lockedUntil();
    }

    private static String name(String username) {
        String name = username.strip();
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** Failures allowed before the first lock, and how long the locks last (doubling each time). */
    record Policy(int freeFailures, Duration firstLock, Duration maxLock) {

        Instant lockAfter(int failures, Instant now) {
            if (failures < freeFailures) {
                return null;
            }
            int doublings = Math.min(failures - freeFailures, 30);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            return now.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock);
        }
    }

    private record Counter(int failures, Instant lastFailure, Instant lockedUntil) {

        static Counter next(Counter previous, Policy policy, Instant now) {
            int failures = previous == null || previous.forgotten(now) ? 1 : previous.failures + 1;
            return new Counter(failures, now, policy.lockAfter(failures, now));
        }

        boolean forgotten(Instant now) {
            return lastFailure.plus(FORGET_AFTER).isBefore(now);
        }
    }
}
