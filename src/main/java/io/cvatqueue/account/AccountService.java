package io.cvatqueue.account;

import io.cvatqueue.cvat.CvatConnection;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel;
import io.cvatqueue.crypto.TokenCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Registration and administration of accounts. */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{3,64}");

    private final AppUserRepository users;
    private final CvatInstanceService instances;
    private final PasswordEncoder passwordEncoder;
    private final TokenCipher cipher;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RegistrationRateLimit rateLimit;

    public AccountService(AppUserRepository users, CvatInstanceService instances, PasswordEncoder passwordEncoder,
                          TokenCipher cipher, TransactionTemplate transaction, Clock clock,
                          ApplicationEventPublisher events,
                          RegistrationRateLimit rateLimit) {
        this.users = users;
        this.instances = instances;
        this.passwordEncoder = passwordEncoder;
        this.cipher = cipher;
        this.transaction = transaction;
        this.clock = clock;
        this.events = events;
        this.rateLimit = rateLimit;
    }

    /** {@link #register(Registration, String)} without a client address: for the app's own code and tests. */
    public AppUser register(Registration registration) {
        return register(registration, null);
    }

    /**
     * Creates an account after CVAT has confirmed the token ({@code GET /api/users/self}). The first account of
     * the app becomes admin; later ones are reviewers. Nothing is saved when any check fails. The CVAT address
     * must be one the app takes registrations for (see {@link CvatInstanceService#acceptsRegistrationsFor}), which
     * is decided before anything is sent there; attempts that reach CVAT are limited per client address.
     *
     * @param clientAddress the registering browser's address, for the rate limit; null: not limited
     * @throws AccountException with a message for the registration form
     */
    public AppUser register(Registration registration, String clientAddress) {
        String username = registration.username() == null ? "" : registration.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw new AccountException("Username: 3 to 64 letters, digits or . _ @ + -");
        }
        PasswordPolicy.check(registration.password(), username);
        String baseUrl;
        String authorization;
        try {
            baseUrl = CvatConnection.normaliseBaseUrl(registration.cvatHost());
            authorization = CvatConnection.normaliseAuthorization(registration.cvatToken());
        } catch (IllegalArgumentException e) {
            throw new AccountException(e.getMessage());
        }
        if (users.findByUsername(username).isPresent()) {
            throw new AccountException("The username '" + username + "' is taken");
        }
        if (!instances.acceptsRegistrationsFor(baseUrl)) {
            throw new AccountException("This app does not take registrations for " + baseUrl + ". Check the "
                    + "address, or ask an admin which CVAT address to use.");
        }
        if (clientAddress != null) {
            rateLimit.acquire(clientAddress);
        }
        CvatModel.User cvatUser = verifyToken(baseUrl, authorization, instances.findByBaseUrl(baseUrl).isPresent());
        synchronized (this) {
            AppUser saved = transaction.execute(status -> {
                if (users.findByUsername(username).isPresent()) {
                    throw new AccountException("The username '" + username + "' is taken");
                }
                CvatInstance instance = instances.findOrCreate(baseUrl, authorization);
                Role role = users.count() == 0 ? Role.ADMIN : Role.REVIEWER;
                return users.save(new AppUser(null, username, passwordEncoder.encode(registration.password()), role,
                        true, instance.id(), cvatUser.id(), cvatUser.username(), cipher.encrypt(authorization),
                        clock.instant(), null));
            });
            log.info("Registered {} as {} on {} (CVAT user {})", saved.username(), saved.role(), baseUrl,
                    cvatUser.username());
            return saved;
        }
    }

    /**
     * Asks CVAT who the token belongs to. For an address the app does not serve yet, every way of failing gets the
     * same message: telling "connection refused" from "not CVAT" or "HTTP 302" would let anyone map the servers
     * this app can reach. An instance the app already serves is known to be CVAT, so there the answer is precise.
     */
    private CvatModel.User verifyToken(String baseUrl, String authorization, boolean knownInstance) {
        CvatInstance probe = CvatInstance.create(baseUrl, baseUrl, null, clock.instant());
        String notVerified = "Could not verify this token with a CVAT at " + baseUrl + ". Check the address (the "
                + "one you open CVAT at, e.g. https://cvat.example.com) and copy the token again from CVAT.";
        try {
            CvatModel.User user = instances.clientWithToken(probe, authorization).currentUser();
            if (user == null || user.username() == null) {
                throw new AccountException(notVerified);
            }
            return user;
        } catch (CvatException.AccessDenied e) {
            throw new AccountException(!knownInstance ? notVerified : "CVAT at " + baseUrl + " rejected this "
                    + "token. Copy it again from CVAT (user menu > Settings > Access tokens, or the key from "
                    + "/api/auth/login).");
        } catch (CvatException e) {
            throw new AccountException(knownInstance && e.retryable()
                    ? "Could not reach CVAT at " + baseUrl + " just now. Try again in a few minutes." : notVerified);
        }
    }

    public Optional<AppUser> findByUsername(String username) {
        return users.findByUsername(username);
    }

    public AppUser get(long id) {
        return users.findById(id).orElseThrow(() -> new AccountException("No such user"));
    }

    /** Active accounts of an instance, for choosing reviewers. */
    public List<AppUser> activeUsersOf(long instanceId) {
        return usersOf(instanceId).stream().filter(AppUser::active).toList();
    }

    /** Every account of an instance, deactivated ones too, by username. */
    public List<AppUser> usersOf(long instanceId) {
        return users.findByInstanceIdOrderByUsername(instanceId);
    }

    @Secured("ROLE_ADMIN")
    public List<AppUser> listAll() {
        return users.findAll().stream().sorted(java.util.Comparator.comparing(AppUser::username)).toList();
    }

    @Secured("ROLE_ADMIN")
    public AppUser changeRole(long userId, Role role) {
        AppUser user = get(userId);
        if (user.role() == Role.ADMIN && role != Role.ADMIN && user.active() && users.countActiveAdmins() <= 1) {
            throw new AccountException("The last active admin cannot lose the admin role");
        }
        AppUser saved = users.save(user.withRole(role));
        if (user.role() != role) {
            events.publishEvent(new AccountChanged(saved.id(), saved.username(), AccountChanged.Change.ROLE_CHANGED));
        }
        return saved;
    }

    @Secured("ROLE_ADMIN")
    public AppUser setActive(long userId, boolean active) {
        AppUser user = get(userId);
        if (!active && user.isAdmin() && user.active() && users.countActiveAdmins() <= 1) {
            throw new AccountException("The last active admin cannot be deactivated");
        }
        AppUser saved = users.save(user.withActive(active));
        if (user.active() != active) {
            events.publishEvent(new AccountChanged(saved.id(), saved.username(),
                    active ? AccountChanged.Change.ACTIVATED : AccountChanged.Change.DEACTIVATED));
        }
        return saved;
    }

    @Secured("ROLE_ADMIN")
    public AppUser resetPassword(long userId, String newPassword) {
        AppUser user = get(userId);
        PasswordPolicy.check(newPassword, user.username());
        return users.save(user.withPasswordHash(passwordEncoder.encode(newPassword)));
    }

    /** The logged-in user changes their own password; the current one must be given. */
    public void changeOwnPassword(AppUser user, String currentPassword, String newPassword) {
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new AccountException("The current password is wrong");
        }
        PasswordPolicy.check(newPassword, user.username());
        users.save(get(user.id()).withPasswordHash(passwordEncoder.encode(newPassword)));
    }

    /**
     * Replaces the user's stored CVAT token, e.g. after it expired. CVAT must confirm the new token, and it must
     * belong to the same CVAT user the account was registered with; otherwise nothing changes.
     */
    public AppUser replaceOwnCvatToken(AppUser user, String rawToken) {
        String authorization;
        try {
            authorization = CvatConnection.normaliseAuthorization(rawToken);
        } catch (IllegalArgumentException e) {
            throw new AccountException(e.getMessage());
        }
        String baseUrl = instances.get(user.instanceId()).baseUrl();
        CvatModel.User cvatUser = verifyToken(baseUrl, authorization, true);
        if (user.cvatUserId() != null && !user.cvatUserId().equals(cvatUser.id())) {
            throw new AccountException("This token belongs to CVAT user " + cvatUser.username()
                    + ", but your account is linked to " + user.cvatUsername() + ". Use a token of your own.");
        }
        AppUser current = get(user.id());
        return users.save(new AppUser(current.id(), current.username(), current.passwordHash(), current.role(),
                current.active(), current.instanceId(), cvatUser.id(), cvatUser.username(),
                cipher.encrypt(authorization), current.createdAt(), current.version()));
    }

    /** The user's own CVAT token, decrypted, for calls that must act as that user. */
    public String cvatAuthorization(AppUser user) {
        return cipher.decrypt(user.cvatTokenEnc());
    }
}
