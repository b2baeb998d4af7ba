package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.AnnotationObject;
import io.cvatqueue.demo.DemoCvatModel.Job;
import io.cvatqueue.demo.DemoCvatModel.Role;
import io.cvatqueue.demo.DemoCvatModel.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The demo CVAT's simulated annotators: they start new jobs, finish jobs in progress and redo rejected jobs, so
 * that a reviewer always finds fresh work.
 */
final class DemoCvatAnnotators {

    private final DemoCvatStore store;
    private final DemoCvatAnnotations annotations;
    private final Random simulation;

    DemoCvatAnnotators(DemoCvatStore store, DemoCvatAnnotations annotations, long seed) {
        this.store = store;
        this.annotations = annotations;
        this.simulation = new Random(seed + 1);
    }

    /** An annotator takes a job: assigned to them, stage annotation, state "in progress". */
    Job startJob(long jobId, String annotator) {
        MutableJob job = store.job(jobId);
        Instant now = store.now();
        Long annotatorId = store.user(annotator).id();
        if (!annotatorId.equals(job.assigneeId)) {
            job.assigneeId = annotatorId;
            job.assigneeUpdatedDate = now;
        }
        job.stage = JobStage.ANNOTATION;
        job.state = JobState.IN_PROGRESS;
        job.work = Math.max(job.work, 5 + simulation.nextInt(11));
        job.reworking = false;
        store.touch(job, now);
        return store.snapshot(job);
    }

    /**
     * The assignee finishes the job: stage annotation, state completed, more annotations. The assignee stays,
     * which is how the queue manager knows whom a review goes back to.
     */
    Job completeJob(long jobId) {
        MutableJob job = store.job(jobId);
        if (job.work >= 100) {
            rework(job);
        }
        job.work = job.work >= 100 ? job.work + 3 + simulation.nextInt(10) : 100;
        job.stage = JobStage.ANNOTATION;
        job.state = JobState.COMPLETED;
        job.reworking = false;
        store.touch(job);
        return store.snapshot(job);
    }

    /**
     * One step of every annotator's day, in this order of priority: take back the rejected jobs, finish a job
     * taken back (oldest first), finish or progress a job in progress, start a new job.
     *
     * @return the jobs that changed
     */
    List<Job> tick() {
        List<Job> changed = new ArrayList<>();
        for (User annotator : store.users.values()) {
            if (annotator.role() != Role.ANNOTATOR) {
                continue;
            }
            // a rejection is seen at once: every rejected job is taken back, then redone one per tick
            List<MutableJob> rejected = store.jobs.values().stream()
                    .filter(j -> Long.valueOf(annotator.id()).equals(j.assigneeId))
                    .filter(j -> j.stage == JobStage.ANNOTATION && j.state == JobState.REJECTED).toList();
            if (!rejected.isEmpty()) {
                for (MutableJob job : rejected) {
                    job.state = JobState.IN_PROGRESS;
                    job.reworking = true;
                    job.work += 2;
                    store.touch(job);
                    changed.add(store.snapshot(job));
                }
                continue;
            }
            Optional<MutableJob> reworked = firstInProgress(annotator, true);
            if (reworked.isPresent()) {
                changed.add(completeJob(reworked.get().id));
                continue;
            }
            Optional<MutableJob> inProgress = firstInProgress(annotator, false);
            if (inProgress.isPresent()) {
                MutableJob job = inProgress.get();
                if (job.work >= 60 || simulation.nextDouble() < 0.4) {
                    changed.add(completeJob(job.id));
                } else {
                    job.work = Math.min(95, job.work + 10 + simulation.nextInt(21));
                    store.touch(job);
                    changed.add(store.snapshot(job));
                }
                continue;
            }
            nextNewJob(annotator).ifPresent(job -> changed.add(startJob(job.id, annotator.username())));
        }
        return changed;
    }

    /** Finishing a job taken back: the annotator fixes a few objects and resolves the review notes. */
    private void rework(MutableJob job) {
        List<AnnotationObject> objects = annotations.objects(job);
        for (int i = 0; i < Math.min(2, objects.size()); i++) {
            job.revisions.merge(objects.get(simulation.nextInt(objects.size())).id(), 1, Integer::sum);
        }
        store.issues.replaceAll((id, issue) -> issue.jobId() == job.id ? issue.resolve() : issue);
    }

    private Optional<MutableJob> firstInProgress(User annotator, boolean reworking) {
        return store.jobs.values().stream()
                .filter(j -> Long.valueOf(annotator.id()).equals(j.assigneeId))
                .filter(j -> j.stage == JobStage.ANNOTATION && j.state == JobState.IN_PROGRESS)
                .filter(j -> !reworking || j.reworking)
                .min(Comparator.comparing((MutableJob j) -> j.updatedDate).thenComparing(j -> j.id));
    }

    /** A new job already assigned to the annotator, else an unassigned one. */
    private Optional<MutableJob> nextNewJob(User annotator) {
        List<MutableJob> fresh = store.jobs.values().stream()
                .filter(j -> j.stage == JobStage.ANNOTATION && j.state == JobState.NEW).toList();
        return fresh.stream().filter(j -> Long.valueOf(annotator.id()).equals(j.assigneeId)).findFirst()
                .or(() -> fresh.stream().filter(j -> j.assigneeId == null).findFirst());
    }
}
