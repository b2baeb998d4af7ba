package io.cvatqueue.review;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/** Writes and reads the audit trail. The actor "system" marks steps the workflow took by itself. */
@Component
public class AuditTrail {

    public static final String SYSTEM = "system";

    private final AuditRepository entries;
    private final Clock clock;

    public AuditTrail(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    public void record(Review review, String actor, String action, String note) {
        entries.save(new AuditEntry(null, review.id(), review.instanceId(), review.cvatJobId(), actor, action, note,
                clock.instant()));
    }

    public List<AuditEntry> forJob(long instanceId, long jobId) {
        return entries.findByJob(instanceId, jobId);
    }
}
