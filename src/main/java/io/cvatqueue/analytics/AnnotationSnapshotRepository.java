package io.cvatqueue.analytics;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

interface AnnotationSnapshotRepository extends ListCrudRepository<AnnotationSnapshot, Long> {

    /** The newest snapshot of every job of the task (ids grow with time, so the highest id is the newest). */
    @Query("select * from annotation_snapshot s where s.instance_id = :instanceId and s.cvat_task_id = :taskId "
            + "and s.id = (select max(l.id) from annotation_snapshot l "
            + "where l.instance_id = s.instance_id and l.cvat_job_id = s.cvat_job_id) "
            + "order by s.cvat_job_id")
    List<AnnotationSnapshot> findLatestPerJob(long instanceId, long taskId);

    @Query("select * from annotation_snapshot where instance_id = :instanceId and cvat_task_id = :taskId "
            + "order by captured_at, id")
    List<AnnotationSnapshot> findByTaskInCaptureOrder(long instanceId, long taskId);
}
