package io.cvatqueue.sync;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

public interface TrackedProjectRepository extends ListCrudRepository<TrackedProject, Long> {

    List<TrackedProject> findByInstanceIdOrderByName(long instanceId);

    Optional<TrackedProject> findByInstanceIdAndCvatProjectId(long instanceId, long cvatProjectId);
}
