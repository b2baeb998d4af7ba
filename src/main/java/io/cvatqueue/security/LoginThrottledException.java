package io.cvatqueue.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;
import java.time.Instant;

/** A login refused without checking the password, because of too many failed attempts; says when to retry. */
public class LoginThrottledException extends AuthenticationException {

    private final Instant until;
    private final Duration retryAfter;

    public LoginThrottledException(Instant until, Instant now) {
        super(message(Duration.between(now, until)));
        this.until = until;
        this.retryAfter = Duration.between(now, until);
    }

    public Instant until() {
        return until;
    }

    /** Whole seconds, rounded up, as the {@code Retry-After} header wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static String message(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String when = seconds < 60 ? seconds + (seconds == 1 ? " second" : " seconds")
                : ((seconds + 59) / 60) + ((seconds + 59) / 60 == 1 ? " minute" : " minutes");
        return "Too many failed logins. Try again in " + when + ".";
    }
}
