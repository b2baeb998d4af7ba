package io.cvatqueue.review.priority;

import io.cvatqueue.review.AuditTrail;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Priorities of projects, tasks and jobs, and the effective priority of each review: the job's, else the task's,
 * else the project's, else Normal. A change applies at once to the open reviews concerned: their queue position
 * (the review row), the process variable {@code priority}, and the due date of a running SLA timer, which is moved
 * to the start of the waiting step plus the SLA of the new priority.
 */
@Service
public class PriorityService {

    /** The SLA boundary timers of processes/job-review.bpmn, and the user task each is attached to. */
    private static final Map<String, String> SLA_TIMERS = Map.of(
            "Boundary_StartReviewSla", ReviewVariables.TASK_START_REVIEW,
            "Boundary_ReviewSla", ReviewVariables.TASK_REVIEW);

    private final JdbcTemplate jdbc;
    private final ReviewRepository reviews;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final WorkflowSettingsService settings;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    public PriorityService(JdbcTemplate jdbc, ReviewRepository reviews, RuntimeService runtime, TaskService tasks,
                           ManagementService management, WorkflowSettingsService settings, AuditTrail audit,
                           CurrentUser currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.settings = settings;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The priority set on exactly this project, task or job; empty when it inherits. */
    public Optional<Priority> get(long instanceId, PriorityScope scope, long cvatId) {
        return jdbc.queryForList("select priority from priority_setting where instance_id = ? and scope = ? "
                        + "and cvat_id = ?", Integer.class, instanceId, scope.name(), cvatId)
                .stream().findFirst().map(Priority::ofRank);
    }

    /** The priorities set on a scope's items, e.g. every task with a priority of its own. */
    public Map<Long, Priority> all(long instanceId, PriorityScope scope) {
        Map<Long, Priority> found = new java.util.HashMap<>();
        jdbc.query("select cvat_id, priority from priority_setting where instance_id = ? and scope = ?",
                rs -> {
                    found.put(rs.getLong(1), Priority.ofRank(rs.getInt(2)));
                }, instanceId, scope.name());
        return found;
    }

    /** The priority a review of this job has: the job's, else the task's, else its project's, else Normal. */
    public Priority effective(long instanceId, long cvatTaskId, long cvatJobId) {
        return get(instanceId, PriorityScope.JOB, cvatJobId)
                .or(() -> get(instanceId, PriorityScope.TASK, cvatTaskId))
                .or(() -> projectOf(instanceId, cvatTaskId).flatMap(p -> get(instanceId, PriorityScope.PROJECT, p)))
                .orElse(Priority.DEFAULT);
    }

    /**
     * The priorities of reviews of a task's jobs, as {@link #effective} gives them one by one, in three queries
     * whatever the number of jobs (the sync starts hundreds of reviews at once).
     */
    public Map<Long, Priority> effective(long instanceId, long cvatTaskId, Collection<Long> cvatJobIds) {
        Priority inherited = get(instanceId, PriorityScope.TASK, cvatTaskId)
                .or(() -> projectOf(instanceId, cvatTaskId).flatMap(p -> get(instanceId, PriorityScope.PROJECT, p)))
                .orElse(Priority.DEFAULT);
        Map<Long, Priority> ownOfJobs = all(instanceId, PriorityScope.JOB);
        Map<Long, Priority> priorities = new java.util.HashMap<>();
        for (Long jobId : cvatJobIds) {
            priorities.put(jobId, ownOfJobs.getOrDefault(jobId, inherited));
        }
        return priorities;
    }

    /**
     * Sets (or, with null, clears) the priority of a project, task or job, and applies it to the open reviews
     * concerned.
     *
     * @return how many open reviews changed priority
     */
    @Secured("ROLE_ADMIN")
    @Transactional
    public int set(long instanceId, PriorityScope scope, long cvatId, Priority priority) {
        String actor = currentUser.require().username();
        if (priority == null) {
            jdbc.update("delete from priority_setting where instance_id = ? and scope = ? and cvat_id = ?",
                    instanceId, scope.name(), cvatId);
        } else if (jdbc.update("update priority_setting set priority = ?, set_by = ?, set_at = ? where instance_id = ? "
                        + "and scope = ? and cvat_id = ?", priority.rank(), actor, java.sql.Timestamp.from(clock.instant()),
                instanceId, scope.name(), cvatId) == 0) {
            jdbc.update("insert into priority_setting (instance_id, scope, cvat_id, priority, set_by, set_at) "
                            + "values (?, ?, ?, ?, ?, ?)", instanceId, scope.name(), cvatId, priority.rank(), actor,
                    java.sql.Timestamp.from(clock.instant()));
        }
        return reapply(openReviewsConcerned(instanceId, scope, cvatId), actor);
    }

    /**
     * Sets the priority of the jobs of the given reviews (the queue's bulk action): a job's priority wins over its
     * task's and project's.
     *
     * @return how many open reviews changed priority
     * @throws java.util.NoSuchElementException naming a review that does not exist
     */
    @Secured("ROLE_ADMIN")
    @Transactional
    public int setForReviews(Collection<Long> reviewIds, Priority priority) {
        int changed = 0;
        for (long id : reviewIds) {
            Review review = reviews.findById(id).orElseThrow(() -> new java.util.NoSuchElementException(
                    "Review " + id + " does not exist"));
            changed += set(review.instanceId(), PriorityScope.JOB, review.cvatJobId(), priority);
        }
        return changed;
    }

    private List<Review> openReviewsConcerned(long instanceId, PriorityScope scope, long cvatId) {
        String where = switch (scope) {
            case JOB -> "cvat_job_id = ?";
            case TASK -> "cvat_task_id = ?";
            case PROJECT -> "cvat_task_id in (select cvat_task_id from tracked_task where instance_id = r.instance_id "
                    + "and project_id = ?)";
        };
        List<Long> ids = jdbc.queryForList("select id from review r where instance_id = ? and open_key is not null and "
                + where, Long.class, instanceId, cvatId);
        return reviews.findAllById(ids);
    }

    private int reapply(List<Review> open, String actor) {
        int changed = 0;
        for (Review review : open) {
            Priority now = effective(review.instanceId(), review.cvatTaskId(), review.cvatJobId());
            if (now.rank() == review.priority()) {
                continue;
            }
            jdbc.update("update review set priority = ?, updated_at = ? where id = ?", now.rank(),
                    java.sql.Timestamp.from(clock.instant()), review.id());
            audit.record(review, actor, "PRIORITY", "Priority " + review.priorityLevel().label() + " -> "
                    + now.label());
            if (review.processInstanceId() != null) {
                runtime.setVariable(review.processInstanceId(), ReviewVariables.PRIORITY, now.name());
                rescheduleSlaTimers(review.processInstanceId(), now);
            }
            changed++;
        }
        return changed;
    }

    /** Moves a waiting SLA timer to when the SLA of the new priority ends, counted from the start of its step. */
    private void rescheduleSlaTimers(String processInstanceId, Priority priority) {
        Duration sla = settings.get().slaFor(priority);
        for (Map.Entry<String, String> slaTimer : SLA_TIMERS.entrySet()) {
            Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers()
                    .activityId(slaTimer.getKey()).singleResult();
            String step = slaTimer.getValue();
            if (timer == null) {
                continue;
            }
            Task waiting = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(step)
                    .singleResult();
            if (waiting == null) {
                continue;
            }
            Instant due = waiting.getCreateTime().toInstant().plus(sla);
            Instant earliest = clock.instant();
            management.setJobDuedate(timer.getId(), Date.from(due.isBefore(earliest) ? earliest : due));
        }
    }

    private Optional<Long> projectOf(long instanceId, long cvatTaskId) {
        return jdbc.queryForList("select project_id from tracked_task where instance_id = ? and cvat_task_id = ? "
                + "and project_id is not null", Long.class, instanceId, cvatTaskId).stream().findFirst();
    }
}
