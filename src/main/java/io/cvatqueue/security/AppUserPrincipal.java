package io.cvatqueue.security;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** The logged-in account as Spring Security sees it. Holds no token. */
public record AppUserPrincipal(long id, String username, String passwordHash, Role role, long instanceId,
                               boolean active) implements UserDetails {

    public static AppUserPrincipal of(AppUser user) {
        return new AppUserPrincipal(user.id(), user.username(), user.passwordHash(), user.role(), user.instanceId(),
                user.active());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    @Override
    public String toString() {
        return "AppUserPrincipal[" + username + ", " + role + "]";
    }
}
