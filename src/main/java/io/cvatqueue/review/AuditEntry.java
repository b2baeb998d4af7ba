package io.cvatqueue.review;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** One line of a job's audit trail: who did what, when, with which note. */
@Table("audit_entry")
public record AuditEntry(@Id Long id, Long reviewId, long instanceId, long cvatJobId, String actor, String action,
                         String note, Instant occurredAt) {
}
