package io.cvatqueue.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/**
 * An account of the app. Usernames are unique across the app; each account belongs to one CVAT instance
 * and carries the CVAT identity its token proved at registration.
 */
@Table("app_user")
public record AppUser(@Id Long id, String username, String passwordHash, Role role, boolean active, Long instanceId,
                      Long cvatUserId, String cvatUsername, String cvatTokenEnc, Instant createdAt,
                      @Version Integer version) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public AppUser withRole(Role newRole) {
        return new AppUser(id, username, passwordHash, newRole, active, instanceId, cvatUserId, cvatUsername,
                cvatTokenEnc, createdAt, version);
    }

    public AppUser withActive(boolean newActive) {
        return new AppUser(id, username, passwordHash, role, newActive, instanceId, cvatUserId, cvatUsername,
                cvatTokenEnc, createdAt, version);
    }

    public AppUser withPasswordHash(String newHash) {
        return new AppUser(id, username, newHash, role, active, instanceId, cvatUserId, cvatUsername, cvatTokenEnc,
                createdAt, version);
    }
}
