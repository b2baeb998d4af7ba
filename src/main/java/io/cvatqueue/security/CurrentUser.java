package io.cvatqueue.security;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The account behind the current request, read fresh so that role changes and deactivation apply at once. */
@Component
public class CurrentUser {

    private final AppUserRepository users;

    public CurrentUser(AppUserRepository users) {
        this.users = users;
    }

    public Optional<AppUser> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AppUserPrincipal principal)) {
            return Optional.empty();
        }
        return users.findById(principal.id()).filter(AppUser::active);
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
