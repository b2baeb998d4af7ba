package io.cvatqueue.account;

/**
 * Published after an admin changed an account's role or active flag, so that open sessions and pages of that
 * account follow at once instead of at their next login.
 */
public record AccountChanged(long userId, String username, Change change) {

    public enum Change {
        ROLE_CHANGED,
        DEACTIVATED,
        ACTIVATED
    }
}
