package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.Issue;
import io.cvatqueue.demo.DemoCvatModel.Job;
import io.cvatqueue.demo.DemoCvatModel.Project;
import io.cvatqueue.demo.DemoCvatModel.Task;
import io.cvatqueue.demo.DemoCvatModel.User;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * The demo CVAT's data and its bookkeeping (ids, timestamps, versions). Not thread-safe on its own: every caller
 * runs inside {@link DemoCvat}'s lock.
 */
final class DemoCvatStore {

    final Clock clock;
    final Map<Long, User> users = new TreeMap<>();
    final Map<Long, Project> projects = new TreeMap<>();
    final Map<Long, Task> tasks = new TreeMap<>();
    final Map<Long, MutableJob> jobs = new TreeMap<>();
    final Map<Long, Issue> issues = new TreeMap<>();
    private Instant lastTimestamp;

    DemoCvatStore(Clock clock, long seed) {
        this.clock = clock;
        Instant seededAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        DemoCvatStartingData.seed(new Random(seed), seededAt, users, projects, tasks, jobs, issues);
        lastTimestamp = seededAt;
    }

    User user(String username) {
        return users.values().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo CVAT user " + username));
    }

    Project project(long id) {
        return Optional.ofNullable(projects.get(id)).orElseThrow(DemoCvatException::notFound);
    }

    Task task(long taskId) {
        return Optional.ofNullable(tasks.get(taskId)).orElseThrow(DemoCvatException::notFound);
    }

    MutableJob job(long jobId) {
        return Optional.ofNullable(jobs.get(jobId)).orElseThrow(DemoCvatException::notFound);
    }

    List<MutableJob> jobsOfTask(long taskId) {
        return jobs.values().stream().filter(j -> j.taskId == taskId).toList();
    }

    /** A new task whose jobs are numbered after the last job, each in stage annotation, state new. */
    Task createTask(long projectId, String name, int jobCount, int segmentSize) {
        project(projectId);
        long taskId = nextId(tasks);
        long firstJobId = nextId(jobs);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Task task = new Task(taskId, name, projectId, "annotation", jobCount * segmentSize, segmentSize, now);
        tasks.put(taskId, task);
        for (int s = 0; s < jobCount; s++) {
            MutableJob job = new MutableJob(firstJobId + s, taskId, projectId, s * segmentSize,
                    (s + 1) * segmentSize - 1, now);
            job.stage = JobStage.ANNOTATION;
            job.state = JobState.NEW;
            jobs.put(job.id, job);
        }
        return task;
    }

    static long nextId(Map<Long, ?> byId) {
        return byId.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    void touch(MutableJob job) {
        touch(job, now());
    }

    void touch(MutableJob job, Instant now) {
        job.updatedDate = now;
        job.version++;
    }

    /**
     * Strictly increasing timestamps: the queue manager's sync detects changes by {@code updated_date}, which
     * must move even when a test's clock stands still.
     */
    Instant now() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        lastTimestamp = now.isAfter(lastTimestamp) ? now : lastTimestamp.plusMillis(1);
        return lastTimestamp;
    }

    Job snapshot(MutableJob j) {
        int issueCount = (int) issues.values().stream().filter(i -> i.jobId() == j.id).count();
        return new Job(j.id, j.taskId, j.projectId, j.assigneeId, j.stage, j.state, j.startFrame, j.stopFrame,
                j.createdDate, j.updatedDate, j.assigneeUpdatedDate, issueCount);
    }
}
