package io.cvatqueue.review;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

public interface AuditRepository extends ListCrudRepository<AuditEntry, Long> {

    @Query("select * from audit_entry where instance_id = :instanceId and cvat_job_id = :jobId order by occurred_at, id")
    List<AuditEntry> findByJob(long instanceId, long jobId);
}
