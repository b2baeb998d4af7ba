package io.cvatqueue.demo;

import io.cvatqueue.demo.DemoCvatModel.AnnotationObject;
import io.cvatqueue.demo.DemoCvatModel.Annotations;
import io.cvatqueue.demo.DemoCvatModel.Issue;
import io.cvatqueue.demo.DemoCvatModel.Job;
import io.cvatqueue.demo.DemoCvatModel.JobFilter;
import io.cvatqueue.demo.DemoCvatModel.JobPatch;
import io.cvatqueue.demo.DemoCvatModel.JobsSummary;
import io.cvatqueue.demo.DemoCvatModel.Project;
import io.cvatqueue.demo.DemoCvatModel.Task;
import io.cvatqueue.demo.DemoCvatModel.User;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in demo CVAT: users with tokens, projects, tasks, jobs and issues. The controllers extending
 * {@link DemoCvatEndpoint} serve it over CVAT's REST API; tests may use it directly as a stateful CVAT fake.
 * The seed is deterministic: the same seed and clock give the same data.
 * <p>
 * This class is the facade and the lock: every method is synchronized and hands the work to the package's parts,
 * which are not thread-safe on their own: {@link DemoCvatStore} (the data), {@link DemoCvatRules} (who may see and
 * change what), {@link DemoCvatAnnotations} (a job's objects) and {@link DemoCvatAnnotators} (simulated annotators,
 * driven by {@link #tick()}).
 */
public class DemoCvat {

    public static final long DEFAULT_SEED = 20_240_611L;
    /** Token of {@code demo-admin}, who owns every task: the demo instance's service token. */
    public static final String ADMIN_TOKEN = "demo-admin-token";
    public static final String ADMIN = "demo-admin";

    private final DemoCvatStore store;
    private final DemoCvatRules rules;
    private final DemoCvatAnnotations annotations;
    private final DemoCvatAnnotators annotators;

    /** Default seed and the system clock: what the demo profile runs. */
    public DemoCvat() {
        this(Clock.systemUTC(), DEFAULT_SEED);
    }

    public DemoCvat(Clock clock) {
        this(clock, DEFAULT_SEED);
    }

    public DemoCvat(Clock clock, long seed) {
        store = new DemoCvatStore(clock, seed);
        rules = new DemoCvatRules(store);
        annotations = new DemoCvatAnnotations(store, seed);
        annotators = new DemoCvatAnnotators(store, annotations, seed);
    }

    // ---- users and authentication

    /** @see DemoCvatRules#authenticate */
    public synchronized User authenticate(String authorization) {
        return rules.authenticate(authorization);
    }

    public synchronized List<User> users() {
        return List.copyOf(store.users.values());
    }

    /** A demo user by username, e.g. {@code user("anna")}. */
    public synchronized User user(String username) {
        return store.user(username);
    }

    public synchronized Optional<User> userById(Long id) {
        return id == null ? Optional.empty() : Optional.ofNullable(store.users.get(id));
    }

    /** Tokens and roles, for the register page. */
    public synchronized String tokenHint() {
        return store.users.values().stream()
                .map(u -> u.token() + " (" + u.username() + ", " + switch (u.role()) {
                    case OWNER -> "owner and admin: the service token";
                    case REVIEWER -> "reviewer";
                    case ANNOTATOR -> "annotator";
                } + ")")
                .collect(Collectors.joining(", "));
    }

    // ---- projects and tasks

    public synchronized Project project(long id) {
        return store.project(id);
    }

    /** Projects the viewer may see: those with a task the viewer may see (all for the owner). */
    public synchronized List<Project> projects(User viewer) {
        return store.projects.values().stream()
                .filter(p -> store.tasks.values().stream().anyMatch(t -> t.projectId() == p.id()
                        && rules.canSeeTask(viewer, t.id())))
                .toList();
    }

    /**
     * Creates a task in a project with {@code jobCount} new jobs of {@code segmentSize} frames, as a project
     * maintainer does in CVAT; a tracked project picks it up.
     */
    public synchronized Task createTask(long projectId, String name, int jobCount, int segmentSize) {
        return store.createTask(projectId, name, jobCount, segmentSize);
    }

    /** How many tasks a project has. */
    public synchronized int taskCount(long projectId) {
        return (int) store.tasks.values().stream().filter(t -> t.projectId() == projectId).count();
    }

    /** Tasks the viewer may see: all for the owner, those with a job assigned to the viewer otherwise. */
    public synchronized List<Task> tasks(User viewer) {
        return store.tasks.values().stream().filter(t -> rules.canSeeTask(viewer, t.id())).toList();
    }

    public synchronized Task task(User viewer, long taskId) {
        return rules.visibleTask(viewer, taskId);
    }

    /** A task as it is, without a permission check: for the JSON views, tests and the job page. */
    public synchronized Task task(long taskId) {
        return store.task(taskId);
    }

    public synchronized JobsSummary jobsSummary(long taskId) {
        return rules.jobsSummary(taskId);
    }

    /** @see DemoCvatRules#taskStatus */
    public synchronized String taskStatus(long taskId) {
        return rules.taskStatus(taskId);
    }

    /** @see DemoCvatRules#taskUpdatedDate */
    public synchronized Instant taskUpdatedDate(long taskId) {
        return rules.taskUpdatedDate(taskId);
    }

    // ---- jobs

    /** @see DemoCvatRules#visibleJobs */
    public synchronized List<Job> jobs(User viewer, JobFilter filter) {
        return rules.visibleJobs(viewer, filter).stream().map(store::snapshot).toList();
    }

    public synchronized Job job(User viewer, long jobId) {
        return store.snapshot(rules.visibleJob(viewer, jobId));
    }

    /** A job as it is, without a permission check: for tests and the job page. */
    public synchronized Job job(long jobId) {
        return store.snapshot(store.job(jobId));
    }

    /** @see DemoCvatRules#updateJob */
    public synchronized Job updateJob(User actor, long jobId, JobPatch patch) {
        MutableJob job = store.job(jobId);
        rules.updateJob(actor, job, patch);
        return store.snapshot(job);
    }

    /** @see DemoCvatRules#deleteJob */
    public synchronized void deleteJob(User actor, long jobId) {
        rules.deleteJob(actor, jobId);
    }

    // ---- annotations

    /** What {@code GET /api/jobs/{id}/annotations/} counts, for a viewer who may see the job. */
    public synchronized Annotations annotations(User viewer, long jobId) {
        return annotations.count(rules.visibleJob(viewer, jobId));
    }

    public synchronized Annotations annotations(long jobId) {
        return annotations.count(store.job(jobId));
    }

    /** {@code GET /api/jobs/{id}/annotations/}: the job's objects, as many as {@link #annotations} counts. */
    public synchronized List<AnnotationObject> annotationObjects(User viewer, long jobId) {
        return annotations.objects(rules.visibleJob(viewer, jobId));
    }

    public synchronized List<AnnotationObject> annotationObjects(long jobId) {
        return annotations.objects(store.job(jobId));
    }

    /** @see DemoCvatAnnotations#drawBox */
    public synchronized AnnotationObject drawBox(long jobId, long labelId, int frame) {
        return annotations.drawBox(store.job(jobId), labelId, frame);
    }

    /** @see DemoCvatAnnotations#deleteObject */
    public synchronized void deleteObject(long jobId, long objectId) {
        annotations.deleteObject(store.job(jobId), objectId);
    }

    /** @see DemoCvatAnnotations#editObject */
    public synchronized void editObject(long jobId, long objectId) {
        annotations.editObject(store.job(jobId), objectId);
    }

    // ---- issues

    /** @see DemoCvatRules#createIssue */
    public synchronized Issue createIssue(User actor, long jobId, int frame, List<Double> position, String message) {
        return rules.createIssue(actor, jobId, frame, position, message);
    }

    public synchronized List<Issue> issues(long jobId) {
        return store.issues.values().stream().filter(i -> i.jobId() == jobId).toList();
    }

    /** {@code GET /api/issues?job_id=}: who may see the job sees its issues. */
    public synchronized List<Issue> issues(User viewer, long jobId) {
        rules.visibleJob(viewer, jobId);
        return issues(jobId);
    }

    /** The annotator marks a review note as dealt with, as CVAT's "Resolve" button does. */
    public synchronized Issue resolveIssue(long issueId) {
        Issue issue = Optional.ofNullable(store.issues.get(issueId)).orElseThrow(DemoCvatException::notFound);
        store.issues.put(issueId, issue.resolve());
        return store.issues.get(issueId);
    }

    // ---- simulated annotators

    /** @see DemoCvatAnnotators#startJob */
    public synchronized Job startJob(long jobId, String annotator) {
        return annotators.startJob(jobId, annotator);
    }

    /** @see DemoCvatAnnotators#completeJob */
    public synchronized Job completeJob(long jobId) {
        return annotators.completeJob(jobId);
    }

    /** @see DemoCvatAnnotators#tick */
    public synchronized List<Job> tick() {
        return annotators.tick();
    }
}
