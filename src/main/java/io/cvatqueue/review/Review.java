package io.cvatqueue.review;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.settings.Priority;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** One review of one CVAT job: the read model of a job-review process instance. */
@Table("review")
public record Review(@Id Long id, long instanceId, long cvatTaskId, long cvatJobId, String openKey,
                     String processInstanceId, ReviewStatus status, String reviewer, Long annotatorId,
                     String annotatorUsername, int rejectionCount, boolean overdue, String outcome, String endReason,
                     Instant queuedAt, Instant assignedAt, Instant reviewStartedAt, Instant decidedAt,
                     Instant updatedAt, @Version Integer version, Long cvatOrgId, boolean cvatOrgKnown,
                     int priority, Integer jobFrames) {

    public static String openKey(long instanceId, long jobId) {
        return instanceId + ":" + jobId;
    }

    public static Review queued(long instanceId, long taskId, long jobId, Long annotatorId, String annotatorUsername,
                                CvatOrganization organization, Instant now) {
        return new Review(null, instanceId, taskId, jobId, openKey(instanceId, jobId), null, ReviewStatus.QUEUED, null,
                annotatorId, annotatorUsername, 0, false, null, null, now, null, null, null, now, null,
                organization.id(), organization.known(), Priority.DEFAULT.rank(), null);
    }

    /** The same new review with its priority and its job's size in frames (null: unknown). */
    public Review withWork(Priority newPriority, Integer frames) {
        return new Review(id, instanceId, cvatTaskId, cvatJobId, openKey, processInstanceId, status, reviewer,
                annotatorId, annotatorUsername, rejectionCount, overdue, outcome, endReason, queuedAt, assignedAt,
                reviewStartedAt, decidedAt, updatedAt, version, cvatOrgId, cvatOrgKnown, newPriority.rank(), frames);
    }

    /** How urgent the review is: its job's priority, else its task's, else its project's. */
    public Priority priorityLevel() {
        return Priority.ofRank(priority);
    }

    /** This review as stored under the given id. */
    public Review withId(long newId) {
        return new Review(newId, instanceId, cvatTaskId, cvatJobId, openKey, processInstanceId, status, reviewer,
                annotatorId, annotatorUsername, rejectionCount, overdue, outcome, endReason, queuedAt, assignedAt,
                reviewStartedAt, decidedAt, updatedAt, version == null ? 0 : version, cvatOrgId, cvatOrgKnown,
                priority, jobFrames);
    }

    /** The organisation context to call CVAT in about this review's job. */
    public CvatOrganization organization() {
        return cvatOrgKnown ? CvatOrganization.of(cvatOrgId) : CvatOrganization.INSTANCE_DEFAULT;
    }

    /** Business key of the review's process instance. */
    public String businessKey() {
        return openKey(instanceId, cvatJobId);
    }
}
