package io.cvatqueue.review;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;

/** Where a review's process stands in the engine: its open user task, or the CVAT step it waits for. */
@Component
class ReviewProcess {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final Clock clock;

    ReviewProcess(RuntimeService runtime, TaskService tasks, ManagementService management, Clock clock) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.clock = clock;
    }

    /** The review's open user task of that definition key; null when its process is elsewhere. */
    Task task(Review review, String taskKey) {
        if (review.processInstanceId() == null) {
            return null;
        }
        return tasks.createTaskQuery().processInstanceId(review.processInstanceId()).taskDefinitionKey(taskKey)
                .singleResult();
    }

    /** True once the reviewer has started: in review, or the step that tells CVAT so is under way. */
    boolean started(Review review) {
        if (review.status() == ReviewStatus.IN_REVIEW) {
            return true;
        }
        // between Start Review and the async CVAT update the read model still says ASSIGNED
        return review.processInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(review.processInstanceId()).active().count() > 0
                && runtime.getActiveActivityIds(review.processInstanceId()).stream()
                .anyMatch(id -> id.equals(ReviewVariables.TASK_MARK_JOB_IN_REVIEW) || id.equals(ReviewVariables.TASK_REVIEW));
    }

    /** The job of the step that tells CVAT a started review is in validation, while it has not run yet; or null. */
    Job cvatStartWaiting(Review review) {
        if (review.processInstanceId() == null) {
            return null;
        }
        return management.createJobQuery().processInstanceId(review.processInstanceId())
                .activityId(ReviewVariables.TASK_MARK_JOB_IN_REVIEW).singleResult();
    }

    /**
     * Changes the job, so that a run of it that began before the caller's transaction commits fails on the engine's
     * optimistic lock and runs again, reading what the caller changed.
     */
    void rerunIfRunning(Job job) {
        management.setJobDuedate(job.getId(), Date.from(clock.instant()));
    }
}
