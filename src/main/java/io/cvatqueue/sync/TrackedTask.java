package io.cvatqueue.sync;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A CVAT task whose completed jobs the app queues for review. */
@Table("tracked_task")
public record TrackedTask(@Id Long id, long instanceId, long cvatTaskId, String name, Long projectId, String addedBy,
                          Instant addedAt, Instant lastSyncedAt, String lastSyncSummary) {
}
