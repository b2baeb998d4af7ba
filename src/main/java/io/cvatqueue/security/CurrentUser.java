package io.cvatqueue.security;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The account behind the current request, read fresh so that role changes and deactivation apply at once. */
@Component
public class CurrentUser {

    private final AppUserRepository users;
    private final SecurityContextHolderStrategy securityContexts;

    /**
     * @param securityContexts the strategy Spring Security's filters and method security use in this application
     *                         (Vaadin's session-aware one), rather than the JVM-global holder
     */
    public CurrentUser(AppUserRepository users, SecurityContextHolderStrategy securityContexts) {
        this.users = users;
        this.securityContexts = securityContexts;
    }

    public Optional<AppUser> find() {
        Authentication authentication = securityContexts.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AppUserPrincipal principal)) {
            return Optional.empty();
        }
        return users.findById(principal.id()).filter(AppUser::active);
    }

    /** The raw authentication of the current request, e.g. to tell a password login from an API token. */
    public Optional<Authentication> authentication() {
        return Optional.ofNullable(securityContexts.getContext().getAuthentication());
    }

    public AppUser require() {
        return find().orElseThrow(() -> new AccessDeniedException("Log in first"));
    }

    public AppUser requireAdmin() {
        AppUser user = require();
        if (!user.isAdmin()) {
            throw new AccessDeniedException("Only admins may do this");
        }
        return user;
    }
}
