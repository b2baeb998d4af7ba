package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatOrganization;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A CVAT task whose completed jobs the app queues for review. */
@Table("tracked_task")
public record TrackedTask(@Id Long id, long instanceId, long cvatTaskId, String name, Long projectId, String addedBy,
                          Instant addedAt, Instant lastSyncedAt, String lastSyncSummary, Long cvatOrgId,
                          boolean cvatOrgKnown) {

    /** A task just chosen for tracking, in the organisation CVAT reported for it. */
    public static TrackedTask of(long instanceId, long cvatTaskId, String name, Long projectId,
                                 CvatOrganization organization, String addedBy, Instant addedAt) {
        return new TrackedTask(null, instanceId, cvatTaskId, name, projectId, addedBy, addedAt, null, null,
                organization.id(), organization.known());
    }

    /** The context to call CVAT in about this task. */
    public CvatOrganization organization() {
        return cvatOrgKnown ? CvatOrganization.of(cvatOrgId) : CvatOrganization.INSTANCE_DEFAULT;
    }
}
