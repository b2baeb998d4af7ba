package io.cvatqueue.demo;

import io.cvatqueue.demo.DemoCvatModel.AnnotationObject;
import io.cvatqueue.demo.DemoCvatModel.Annotations;
import io.cvatqueue.demo.DemoCvatModel.ObjectKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo jobs' annotation objects: generated from the seed and the job (so every read gives the same objects
 * until the job changes), plus what was drawn, deleted or edited in the editor.
 */
final class DemoCvatAnnotations {

    private final DemoCvatStore store;
    private final long seed;

    DemoCvatAnnotations(DemoCvatStore store, long seed) {
        this.store = store;
        this.seed = seed;
    }

    /** What {@code GET /api/jobs/{id}/annotations/} counts. */
    Annotations count(MutableJob job) {
        List<AnnotationObject> objects = objects(job);
        return new Annotations(job.version, count(objects, ObjectKind.TAG), count(objects, ObjectKind.SHAPE),
                count(objects, ObjectKind.TRACK));
    }

    /**
     * The generated objects (a per-job density times the share of frames annotated so far, each object's frame and
     * label fixed by its id), minus the deleted ones, plus the drawn ones.
     */
    List<AnnotationObject> objects(MutableJob job) {
        Random perJob = new Random(seed * 31 + job.id);
        double objectsPerFrame = 0.5 + perJob.nextDouble() * 3.5;
        boolean tagged = perJob.nextDouble() < 0.3;
        boolean video = "interpolation".equals(store.tasks.get(job.taskId).mode());
        double done = job.work / 100.0;
        int frames = job.stopFrame - job.startFrame + 1;
        int shapes = (int) Math.round((video ? 0.02 : 1.0) * frames * objectsPerFrame * done);
        int tracks = video ? (int) Math.round(objectsPerFrame * 3 * done) : 0;
        int tags = tagged ? (int) Math.round(frames * Math.min(done, 1.0)) : 0;
        List<AnnotationObject> objects = new ArrayList<>();
        for (int i = 0; i < tags; i++) {
            objects.add(generated(job, job.id * 100_000 + i, ObjectKind.TAG, job.startFrame + i % frames));
        }
        for (int i = 0; i < shapes; i++) {
            objects.add(generated(job, job.id * 100_000 + 20_000 + i, ObjectKind.SHAPE, -1));
        }
        for (int i = 0; i < tracks; i++) {
            objects.add(generated(job, job.id * 100_000 + 60_000 + i, ObjectKind.TRACK, -1));
        }
        objects.addAll(job.drawnShapes);
        return objects.stream().filter(o -> !job.removedObjects.contains(o.id()))
                .map(o -> new AnnotationObject(o.id(), o.kind(), o.frame(), o.labelId(),
                        job.revisions.getOrDefault(o.id(), 0)))
                .toList();
    }

    /** Draws a box in the job, as an annotator does in CVAT's editor. */
    AnnotationObject drawBox(MutableJob job, long labelId, int frame) {
        AnnotationObject box = new AnnotationObject(job.id * 100_000 + 90_000 + job.drawnShapes.size(),
                ObjectKind.SHAPE, frame, labelId, 0);
        job.drawnShapes.add(box);
        store.touch(job);
        return box;
    }

    /** Deletes an annotation object in the job, as an annotator does in CVAT's editor. */
    void deleteObject(MutableJob job, long objectId) {
        job.removedObjects.add(objectId);
        store.touch(job);
    }

    /** Moves or relabels nothing in particular: the object's content changes, its id stays. */
    void editObject(MutableJob job, long objectId) {
        job.revisions.merge(objectId, 1, Integer::sum);
        store.touch(job);
    }

    private AnnotationObject generated(MutableJob job, long id, ObjectKind kind, int frame) {
        Random perObject = new Random(seed * 1_000_003L + id);
        int frames = job.stopFrame - job.startFrame + 1;
        int at = frame >= 0 ? frame : job.startFrame + perObject.nextInt(frames);
        return new AnnotationObject(id, kind, at, 1 + perObject.nextInt(DemoCvatModel.LABELS.size()), 0);
    }

    private static int count(List<AnnotationObject> objects, ObjectKind kind) {
        return (int) objects.stream().filter(o -> o.kind() == kind).count();
    }
}
