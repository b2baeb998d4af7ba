package io.cvatqueue.analytics;

import io.cvatqueue.cvat.CvatModel.AnnotationCounts;
import io.cvatqueue.cvat.CvatModel.Job;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/**
 * What one CVAT job held when it was last seen changed: annotation counts and the job's metadata.
 *
 * @param jobUpdatedDate the job's {@code updated_date} in CVAT: a refresh downloads annotations again only when
 *                       it differs from the latest snapshot's
 * @param stage          CVAT's wire value, e.g. "annotation"
 * @param state          CVAT's wire value, e.g. "in progress"
 * @param assignee       CVAT username of the job's assignee at that time (the annotator while in annotation)
 */
@Table("annotation_snapshot")
public record AnnotationSnapshot(@Id Long id, long instanceId, long cvatTaskId, long cvatJobId, Instant capturedAt,
                                 Instant jobUpdatedDate, int shapes, int tracks, int tags, String stage,
                                 String state, String assignee) {

    static AnnotationSnapshot of(long instanceId, Job job, AnnotationCounts counts, Instant capturedAt) {
        return new AnnotationSnapshot(null, instanceId, job.taskId(), job.id(), capturedAt, updatedDate(job),
                counts.shapes(), counts.tracks(), counts.tags(),
                job.stage() == null ? null : job.stage().wire(),
                job.state() == null ? null : job.state().wire(),
                job.assignee() == null ? null : job.assignee().username());
    }

    static Instant updatedDate(Job job) {
        return job.updatedDate() == null ? null : job.updatedDate().toInstant();
    }

    public int total() {
        return shapes + tracks + tags;
    }

    /** True when CVAT reports the job changed since this snapshot, so its annotations must be downloaded again. */
    boolean isOutdatedBy(Job job) {
        Instant current = updatedDate(job);
        return current == null || jobUpdatedDate == null || !current.equals(jobUpdatedDate);
    }
}
