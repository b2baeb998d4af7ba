package io.cvatqueue.security;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A REST API token of one account. Only its SHA-256 is stored; the token itself is shown once, at creation. */
@Table("api_token")
public record ApiToken(@Id Long id, long userId, String name, @JsonIgnore String tokenHash, Instant createdAt,
                       Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
