package io.cvatqueue.queue;

import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.cvat.CvatModel.JobsSummary;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tracked tasks and their jobs as CVAT sees them, next to where their reviews stand. Not transactional on
 * purpose: it waits for CVAT, and no database connection should be held meanwhile; each read is one statement.
 */
@Service
public class TaskBoard {

    private final TrackedTaskService trackedTasks;
    private final ReviewRepository reviews;
    private final CvatInstanceService instances;
    private final QueueService queue;

    public TaskBoard(TrackedTaskService trackedTasks, ReviewRepository reviews, CvatInstanceService instances,
                     QueueService queue) {
        this.queue = queue;
        this.trackedTasks = trackedTasks;
        this.reviews = reviews;
        this.instances = instances;
    }

    /**
     * The instance's tracked tasks with their progress in CVAT, read with one task list request. When CVAT
     * cannot be read, the tasks are still listed, without progress, and the board says why.
     */
    public Board trackedTasks(long instanceId) {
        List<TrackedTask> tracked = trackedTasks.list(instanceId);
        if (tracked.isEmpty()) {
            return new Board(List.of(), null);
        }
        Map<Long, Integer> awaiting = queue.awaitingReviewPerTask(instanceId);
        Map<Long, Task> cvatTasks;
        try {
            cvatTasks = instances.serviceClient(instanceId).listTasks().stream()
                    .collect(Collectors.toMap(Task::id, Function.identity(), (a, b) -> a));
        } catch (CvatException e) {
            return new Board(tracked.stream().map(t -> new TaskProgress(t, null, null, false,
                    awaiting.getOrDefault(t.cvatTaskId(), 0))).toList(), e.getMessage());
        }
        return new Board(tracked.stream().map(t -> {
            Task task = cvatTasks.get(t.cvatTaskId());
            int waiting = awaiting.getOrDefault(t.cvatTaskId(), 0);
            return task == null ? new TaskProgress(t, null, null, true, waiting)
                    : new TaskProgress(t, task.jobs(), task.status(), false, waiting);
        }).toList(), null);
    }

    /**
     * Every job of a task from CVAT, each with its current review: the open one, else the latest closed one.
     *
     * @throws CvatException when CVAT cannot be read
     */
    public List<JobReview> jobs(long instanceId, long cvatTaskId) {
        return jobs(instanceId, cvatTaskId, instances.serviceClient(instanceId)
                .in(trackedTasks.organization(instanceId, cvatTaskId)).listJobs(cvatTaskId, null, null));
    }

    /** The task's jobs as CVAT listed them a moment ago (e.g. for a sync), next to their reviews now. */
    public List<JobReview> jobs(long instanceId, long cvatTaskId, List<Job> jobs) {
        Map<Long, Review> current = reviews.findByTask(instanceId, cvatTaskId).stream()
                .collect(Collectors.toMap(Review::cvatJobId, Function.identity(), TaskBoard::moreCurrent));
        return jobs.stream()
                .sorted(Comparator.comparing(Job::id))
                .map(job -> {
                    Review review = current.get(job.id());
                    return new JobReview(job.id(), job.stage(), job.state(),
                            job.assignee() == null ? null : job.assignee().username(),
                            review == null ? null : review.id(),
                            review == null ? null : review.status(),
                            review == null ? null : review.reviewer(),
                            review == null ? null : review.annotatorUsername(),
                            review == null ? 0 : review.rejectionCount(),
                            review != null && review.overdue());
                })
                .toList();
    }

    private static Review moreCurrent(Review a, Review b) {
        if (a.openKey() != null) {
            return a;
        }
        if (b.openKey() != null) {
            return b;
        }
        return a.id() > b.id() ? a : b;
    }

    /** @param cvatError what went wrong reading CVAT, in words; null when CVAT answered */
    public record Board(List<TaskProgress> tasks, String cvatError) {
    }

    /**
     * A tracked task with CVAT's job counts.
     *
     * @param jobs          null when CVAT could not be read or no longer has the task
     * @param goneFromCvat  CVAT answered but does not list the task (deleted, or the service token cannot see it)
     * @param awaitingReview jobs completed by their annotator that wait in the app's queue (queued or assigned):
     *                       CVAT's summary counts only accepted jobs as completed
     */
    public record TaskProgress(TrackedTask task, JobsSummary jobs, String cvatStatus, boolean goneFromCvat,
                               int awaitingReview) {

        public int jobCount() {
            return jobs == null || jobs.count() == null ? 0 : jobs.count();
        }

        public int completedJobs() {
            return jobs == null || jobs.completed() == null ? 0 : jobs.completed();
        }

        public int inValidation() {
            return jobs == null || jobs.validation() == null ? 0 : jobs.validation();
        }

        /** Share of jobs CVAT counts as completed (accepted), 0 to 1. */
        public double completedShare() {
            return jobCount() == 0 ? 0 : (double) completedJobs() / jobCount();
        }
    }

    /** A CVAT job of a tracked task and its review, if it has one. */
    public record JobReview(long cvatJobId, JobStage stage, JobState state, String cvatAssignee, Long reviewId,
                            ReviewStatus reviewStatus, String reviewer, String annotator, int rejectionCount,
                            boolean overdue) {
    }
}
