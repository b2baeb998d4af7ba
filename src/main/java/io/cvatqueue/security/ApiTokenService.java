package io.cvatqueue.security;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import io.cvatqueue.security.AppUserPrincipal;
import io.cvatqueue.security.CurrentUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * API tokens: created and revoked by their owner, checked on every REST request that carries
 * {@code Authorization: Bearer <token>}. A token acts with its owner's current role, so a role change or a
 * deactivation applies to the token at once.
 */
@Service
public class ApiTokenService {

    static final String PREFIX = "cqm_";
    /** last_used_at is informational: writing it on every request would turn each API read into a write. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final AppUserRepository users;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(ApiTokenRepository tokens, AppUserRepository users, CurrentUser currentUser, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Creates a token for the logged-in user. Only a password login may do this: a leaked token must not be
     * able to mint fresh tokens that outlive its revocation.
     *
     * @return the token in clear text; it cannot be shown again
     */
    @Transactional
    public CreatedToken create(String name) {
        AppUser user = currentUser.require();
        if (currentUser.authentication().orElse(null) instanceof ApiTokenAuthentication) {
            throw new AccessDeniedException("Create API tokens with your password (HTTP Basic), not with a token");
        }
        String label = name == null || name.isBlank() ? "API token" : name.strip();
        if (label.length() > 100) {
            throw new IllegalArgumentException("The token name is too long (100 characters at most)");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken saved = tokens.save(new ApiToken(null, user.id(), label, hash(token), clock.instant(), null, null));
        return new CreatedToken(saved.id(), saved.name(), token, saved.createdAt());
    }

    public List<ApiToken> listOwn() {
        return tokens.findByUserIdOrderByCreatedAtDesc(currentUser.require().id());
    }

    /** Revokes one of the logged-in user's tokens; admins may revoke anyone's. */
    @Transactional
    public void revoke(long tokenId) {
        AppUser user = currentUser.require();
        ApiToken token = tokens.findById(tokenId)
                .filter(t -> t.userId() == user.id() || user.isAdmin())
                .orElseThrow(() -> new NoSuchElementException("API token " + tokenId + " not found"));
        tokens.revoke(token.id(), clock.instant());
    }

    /** The active account behind a token, or empty for unknown, revoked or deactivated ones. */
    @Transactional
    public Optional<AppUserPrincipal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiToken> found = tokens.findByTokenHash(hash(token)).filter(t -> !t.revoked());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken apiToken = found.get();
        Optional<AppUser> user = users.findById(apiToken.userId()).filter(AppUser::active);
        if (user.isPresent()) {
            Instant now = clock.instant();
            if (apiToken.lastUsedAt() == null || apiToken.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
                tokens.markUsed(apiToken.id(), now);
            }
        }
        return user.map(AppUserPrincipal::of);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token just created: the only moment its clear text exists. */
    public record CreatedToken(long id, String name, String token, Instant createdAt) {
    }
}
