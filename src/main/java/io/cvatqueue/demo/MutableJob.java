package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;

import java.time.Instant;

/** A demo CVAT job as it changes; {@link DemoCvat} hands out immutable snapshots of it. */
final class MutableJob {
    final long id;
    final long taskId;
    final long projectId;
    final int startFrame;
    final int stopFrame;
    final Instant createdDate;
    Long assigneeId;
    JobStage stage;
    JobState state;
    Instant updatedDate;
    Instant assigneeUpdatedDate;
    /** Share of the job's frames annotated, in percent; above 100 after corrections. */
    int work;
    int version;
    /** The annotator has taken a rejected job back and finishes it next. */
    boolean reworking;
    /** Annotation objects deleted in the editor, by id. */
    final java.util.Set<Long> removedObjects = new java.util.HashSet<>();
    /** Boxes drawn in the editor on top of the generated ones. */
    final java.util.List<DemoCvatModel.AnnotationObject> drawnShapes = new java.util.ArrayList<>();
    /** How often each object was edited, by id. */
    final java.util.Map<Long, Integer> revisions = new java.util.HashMap<>();

    MutableJob(long id, long taskId, long projectId, int startFrame, int stopFrame, Instant createdDate) {
        this.id = id;
        this.taskId = taskId;
        this.projectId = projectId;
        this.startFrame = startFrame;
        this.stopFrame = stopFrame;
        this.createdDate = createdDate;
        this.updatedDate = createdDate;
    }
}
