package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.Issue;
import io.cvatqueue.demo.DemoCvatModel.JobFilter;
import io.cvatqueue.demo.DemoCvatModel.JobPatch;
import io.cvatqueue.demo.DemoCvatModel.JobsSummary;
import io.cvatqueue.demo.DemoCvatModel.Task;
import io.cvatqueue.demo.DemoCvatModel.User;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * CVAT's rules as the demo keeps them: who may see and change what, how a job's stage and state change, what a
 * task's status is, and which requests are refused with which field error.
 */
final class DemoCvatRules {

    private final DemoCvatStore store;

    DemoCvatRules(DemoCvatStore store) {
        this.store = store;
    }

    /**
     * The user behind an Authorization header ({@code Token <key>} or {@code Bearer <key>}).
     *
     * @throws DemoCvatException 401 for a missing or unknown token
     */
    User authenticate(String authorization) {
        if (authorization == null) {
            throw DemoCvatException.invalidToken();
        }
        String[] parts = authorization.strip().split("\\s+");
        if (parts.length != 2 || !(parts[0].equalsIgnoreCase("Token") || parts[0].equalsIgnoreCase("Bearer"))) {
            throw DemoCvatException.invalidToken();
        }
        return store.users.values().stream().filter(u -> u.token().equals(parts[1])).findFirst()
                .orElseThrow(DemoCvatException::invalidToken);
    }

    /** The owner sees every task, anyone else the tasks with a job assigned to them. */
    boolean canSeeTask(User viewer, long taskId) {
        return viewer.owner() || store.jobs.values().stream()
                .anyMatch(j -> j.taskId == taskId && Long.valueOf(viewer.id()).equals(j.assigneeId));
    }

    static boolean canSeeJob(User viewer, MutableJob job) {
        return viewer.owner() || Long.valueOf(viewer.id()).equals(job.assigneeId);
    }

    Task visibleTask(User viewer, long taskId) {
        Task task = store.task(taskId);
        if (!canSeeTask(viewer, taskId)) {
            throw DemoCvatException.forbidden();
        }
        return task;
    }

    MutableJob visibleJob(User viewer, long jobId) {
        MutableJob job = store.job(jobId);
        if (!canSeeJob(viewer, job)) {
            throw DemoCvatException.forbidden();
        }
        return job;
    }

    /** Jobs matching the filter that the viewer may see (a worker sees only jobs assigned to them), by id. */
    List<MutableJob> visibleJobs(User viewer, JobFilter filter) {
        Long assigneeId = filter.assignee() == null ? null : store.users.values().stream()
                .filter(u -> u.username().equals(filter.assignee())).map(User::id).findFirst().orElse(-1L);
        return store.jobs.values().stream()
                .filter(j -> canSeeJob(viewer, j))
                .filter(j -> filter.taskId() == null || j.taskId == filter.taskId())
                .filter(j -> filter.projectId() == null || j.projectId == filter.projectId())
                .filter(j -> filter.stage() == null || j.stage == filter.stage())
                .filter(j -> filter.state() == null || j.state == filter.state())
                .filter(j -> assigneeId == null || assigneeId.equals(j.assigneeId))
                .toList();
    }

    JobsSummary jobsSummary(long taskId) {
        List<MutableJob> ofTask = store.jobsOfTask(taskId);
        int completed = (int) ofTask.stream()
                .filter(j -> j.stage == JobStage.ACCEPTANCE && j.state == JobState.COMPLETED).count();
        int validation = (int) ofTask.stream().filter(j -> j.stage == JobStage.VALIDATION).count();
        return new JobsSummary(ofTask.size(), completed, validation);
    }

    /** CVAT's task status: annotation while any job is annotated, then validation, then completed. */
    String taskStatus(long taskId) {
        List<MutableJob> ofTask = store.jobsOfTask(taskId);
        if (ofTask.stream().anyMatch(j -> j.stage == JobStage.ANNOTATION)) {
            return "annotation";
        }
        if (ofTask.stream().anyMatch(j -> j.stage == JobStage.VALIDATION)) {
            return "validation";
        }
        return "completed";
    }

    /** Latest change of the task or any of its jobs, as CVAT touches a task when its jobs change. */
    Instant taskUpdatedDate(long taskId) {
        Task task = store.task(taskId);
        return store.jobsOfTask(taskId).stream().map(j -> j.updatedDate)
                .max(Comparator.naturalOrder()).orElse(task.createdDate());
    }

    /**
     * {@code PATCH /api/jobs/{id}}. Like CVAT, changing the stage without a state resets the state to "new".
     * Only the owner may change stage or assignee; the job's assignee may change its state.
     */
    void updateJob(User actor, MutableJob job, JobPatch patch) {
        boolean changesStage = patch.stage() != null && patch.stage() != job.stage;
        boolean changesAssignee = patch.setsAssignee() && !Objects.equals(patch.assignee(), job.assigneeId);
        if (!actor.owner()) {
            boolean ownJob = Long.valueOf(actor.id()).equals(job.assigneeId);
            if (!ownJob || changesStage || changesAssignee) {
                throw DemoCvatException.forbidden();
            }
        }
        if (patch.setsAssignee() && patch.assignee() != null && !store.users.containsKey(patch.assignee())) {
            throw DemoCvatException.badField("assignee",
                    "Invalid pk \"" + patch.assignee() + "\" - object does not exist.");
        }
        Instant now = store.now();
        if (changesAssignee) {
            job.assigneeId = patch.assignee();
            job.assigneeUpdatedDate = now;
        }
        if (patch.stage() != null) {
            job.stage = patch.stage();
        }
        if (patch.state() != null) {
            job.state = patch.state();
        } else if (changesStage) {
            job.state = JobState.NEW;
        }
        job.reworking = false;
        store.touch(job, now);
    }

    /** {@code POST /api/issues}: the owner or the job's assignee may pin a note to a frame of the job. */
    Issue createIssue(User actor, long jobId, int frame, List<Double> position, String message) {
        MutableJob job = store.jobs.get(jobId);
        if (job == null) {
            throw DemoCvatException.badField("job", "Invalid pk \"" + jobId + "\" - object does not exist.");
        }
        if (!actor.owner() && !Long.valueOf(actor.id()).equals(job.assigneeId)) {
            throw DemoCvatException.forbidden();
        }
        if (frame < job.startFrame || frame > job.stopFrame) {
            throw DemoCvatException.badField("frame", "The frame number " + frame + " is outside the job's frames "
                    + job.startFrame + "-" + job.stopFrame + ".");
        }
        if (message == null || message.isBlank()) {
            throw DemoCvatException.badField("message", "This field may not be blank.");
        }
        if (position == null || position.size() < 2 || position.size() % 2 != 0) {
            throw DemoCvatException.badField("position", "Expected an even number of coordinates.");
        }
        long id = DemoCvatStore.nextId(store.issues);
        Issue issue = new Issue(id, jobId, frame, List.copyOf(position), actor.id(), message.strip(), store.now(),
                false);
        store.issues.put(id, issue);
        return issue;
    }

    /**
     * {@code DELETE /api/jobs/{id}}: the job and its issues are gone (CVAT deletes jobs with their task, and ground
     * truth jobs on their own). Only the owner may delete.
     */
    void deleteJob(User actor, long jobId) {
        MutableJob job = store.job(jobId);
        if (!actor.owner()) {
            throw DemoCvatException.forbidden();
        }
        store.jobs.remove(job.id);
        store.issues.values().removeIf(issue -> issue.jobId() == job.id);
    }
}
