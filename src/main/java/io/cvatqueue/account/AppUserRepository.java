package io.cvatqueue.account;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

public interface AppUserRepository extends ListCrudRepository<AppUser, Long> {

    Optional<AppUser> findByUsername(String username);

    List<AppUser> findByInstanceIdOrderByUsername(Long instanceId);

    @Query("select count(*) from app_user where role = 'ADMIN' and active = true")
    long countActiveAdmins();
}
