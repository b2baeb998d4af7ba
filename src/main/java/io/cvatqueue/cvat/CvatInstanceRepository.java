package io.cvatqueue.cvat;

import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

public interface CvatInstanceRepository extends ListCrudRepository<CvatInstance, Long> {

    Optional<CvatInstance> findByBaseUrl(String baseUrl);

    Optional<CvatInstance> findFirstByDemoTrue();
}
