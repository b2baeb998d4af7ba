package io.cvatqueue.sync;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface TrackedTaskRepository extends ListCrudRepository<TrackedTask, Long> {

    List<TrackedTask> findByInstanceIdOrderByName(long instanceId);

    Optional<TrackedTask> findByInstanceIdAndCvatTaskId(long instanceId, long cvatTaskId);

    @Modifying
    @Query("update tracked_task set last_synced_at = :at, last_sync_summary = :summary where id = :id")
    void recordSync(long id, Instant at, String summary);

    @Modifying
    @Query("update tracked_task set cvat_org_id = :organizationId, cvat_org_known = true where id = :id")
    void rememberOrganization(long id, Long organizationId);
}
