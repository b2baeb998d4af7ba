package io.cvatqueue.security;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The admin's view of the login throttle: which accounts are locked out, and lifting a lock. */
@Service
public class LoginLocks {

    private static final Logger log = LoggerFactory.getLogger(LoginLocks.class);

    private final LoginThrottle throttle;
    private final AccountService accounts;

    public LoginLocks(LoginThrottle throttle, AccountService accounts) {
        this.throttle = throttle;
        this.accounts = accounts;
    }

    /** Accounts the login throttle refuses right now, by user id, with the time the lock ends. */
    @Secured("ROLE_ADMIN")
    public Map<Long, Instant> lockedAccounts() {
        Map<String, Instant> locked = throttle.lockedAccounts();
        Map<Long, Instant> byId = new HashMap<>();
        accounts.listAll().stream().filter(u -> locked.containsKey(u.username()))
                .forEach(u -> byId.put(u.id(), locked.get(u.username())));
        return byId;
    }

    /** Lifts the lock after too many failed logins, e.g. once the user has been reached another way. */
    @Secured("ROLE_ADMIN")
    public void unlock(long userId) {
        AppUser user = accounts.get(userId);
        throttle.unlock(user.username());
        log.info("Login lock of {} lifted by an admin", user.username());
    }
}
