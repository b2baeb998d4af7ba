package io.cvatqueue.admin;

import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.cvat.demo.DemoCvat;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts reviews into the workflow the way production does: a task of the demo CVAT with completed jobs is
 * tracked and synced, which starts one job-review process per completed job. Not a bean: other test contexts
 * run without the demo CVAT.
 */
class ReviewFixture {

    private final DemoCvat cvat;
    private final TrackedTaskRepository trackedTasks;
    private final SyncService sync;
    private final ReviewRepository reviews;
    private final ManagementService management;

    ReviewFixture(DemoCvat cvat, TrackedTaskRepository trackedTasks, SyncService sync, ReviewRepository reviews,
                  ManagementService management) {
        this.cvat = cvat;
        this.trackedTasks = trackedTasks;
        this.sync = sync;
        this.reviews = reviews;
        this.management = management;
    }

    /** Tracks and syncs a so far untracked task with at least one completed job; returns its open reviews. */
    List<Review> queueReviews(CvatInstance instance) {
        DemoCvat.User owner = cvat.user(DemoCvat.ADMIN);
        List<Long> untracked = cvat.tasks(owner).stream().map(DemoCvat.Task::id)
                .filter(id -> trackedTasks.findByInstanceIdAndCvatTaskId(instance.id(), id).isEmpty()).toList();
        Map<Long, Long> completedPerTask = cvat.jobs(owner, DemoCvat.JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION && j.state() == JobState.COMPLETED)
                .collect(Collectors.groupingBy(DemoCvat.Job::taskId, Collectors.counting()));
        long taskId = untracked.stream().filter(completedPerTask::containsKey).findFirst().orElseGet(() -> {
            long id = untracked.get(0);
            DemoCvat.Job job = cvat.jobs(owner, DemoCvat.JobFilter.task(id)).get(0);
            cvat.startJob(job.id(), "anna");
            cvat.completeJob(job.id());
            return id;
        });
        trackedTasks.save(new TrackedTask(null, instance.id(), taskId, cvat.task(taskId).name(), null, "test",
                Instant.now(), null, null));
        sync.syncTask(instance.id(), taskId, "test");
        return reviews.findOpenByTask(instance.id(), taskId);
    }

    /** Runs the job-review's due async steps, as the job executor (off in tests) would. */
    void runDueJobs() {
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processDefinitionKey("job-review").executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }
}
