package io.cvatqueue.security;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface ApiTokenRepository extends ListCrudRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(long userId);

    @Modifying
    @Query("update api_token set last_used_at = :at where id = :id")
    void markUsed(long id, Instant at);

    @Modifying
    @Query("update api_token set revoked_at = :at where id = :id and revoked_at is null")
    void revoke(long id, Instant at);
}
