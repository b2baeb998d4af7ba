package io.cvatqueue.analytics;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

interface TaskRefreshRepository extends ListCrudRepository<TaskRefresh, Long> {

    @Query("select * from analytics_refresh where instance_id = :instanceId and cvat_task_id = :taskId "
            + "order by refreshed_at desc, id desc limit 1")
    Optional<TaskRefresh> findLatest(long instanceId, long taskId);
}
