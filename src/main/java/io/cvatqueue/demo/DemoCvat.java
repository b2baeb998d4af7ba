package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.Annotations;
import io.cvatqueue.demo.DemoCvatModel.AnnotationObject;
import io.cvatqueue.demo.DemoCvatModel.Issue;
import io.cvatqueue.demo.DemoCvatModel.ObjectKind;
import io.cvatqueue.demo.DemoCvatModel.Job;
import io.cvatqueue.demo.DemoCvatModel.JobFilter;
import io.cvatqueue.demo.DemoCvatModel.JobPatch;
import io.cvatqueue.demo.DemoCvatModel.JobsSummary;
import io.cvatqueue.demo.DemoCvatModel.Project;
import io.cvatqueue.demo.DemoCvatModel.Role;
import io.cvatqueue.demo.DemoCvatModel.Task;
import io.cvatqueue.demo.DemoCvatModel.User;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The state of the built-in demo CVAT: users with tokens, projects, tasks, jobs and issues, with CVAT's rules
 * for who may see and change what. {@link DemoCvatController} serves it over CVAT's REST API; tests may use
 * it directly as a stateful CVAT fake. The seed is deterministic: the same seed and clock give the same data.
 * <p>
 * Annotators are simulated by {@link #tick()}: they start new jobs, finish jobs in progress and redo rejected
 * jobs, so that a reviewer always finds fresh work. All methods are thread-safe.
 */
public class DemoCvat {

    public static final long DEFAULT_SEED = 20_240_611L;
    /** Token of {@code demo-admin}, who owns every task: the demo instance's service token. */
    public static final String ADMIN_TOKEN = "demo-admin-token";
    public static final String ADMIN = "demo-admin";

    private final Clock clock;
    private final long seed;
    private final Random simulation;
    private final Map<Long, User> users = new TreeMap<>();
    private final Map<Long, Project> projects = new TreeMap<>();
    private final Map<Long, Task> tasks = new TreeMap<>();
    private final Map<Long, MutableJob> jobs = new TreeMap<>();
    private final Map<Long, Issue> issues = new TreeMap<>();
    private Instant lastTimestamp = Instant.EPOCH;

    /** Default seed and the system clock: what the demo profile runs. */
    public DemoCvat() {
        this(Clock.systemUTC(), DEFAULT_SEED);
    }

    public DemoCvat(Clock clock) {
        this(clock, DEFAULT_SEED);
    }

    public DemoCvat(Clock clock, long seed) {
        this.clock = clock;
        this.seed = seed;
        this.simulation = new Random(seed + 1);
        Instant seededAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        DemoCvatStartingData.seed(new Random(seed), seededAt, users, projects, tasks, jobs, issues);
        lastTimestamp = seededAt;
    }

    // ---- users and authentication

    /**
     * The user behind an Authorization header ({@code Token <key>} or {@code Bearer <key>}).
     *
     * @throws DemoCvatException 401 for a missing or unknown token
     */
    public synchronized User authenticate(String authorization) {
        if (authorization == null) {
            throw DemoCvatException.invalidToken();
        }
        String[] parts = authorization.strip().split("\\s+");
        if (parts.length != 2 || !(parts[0].equalsIgnoreCase("Token") || parts[0].equalsIgnoreCase("Bearer"))) {
            throw DemoCvatException.invalidToken();
        }
        return users.values().stream().filter(u -> u.token().equals(parts[1])).findFirst()
                .orElseThrow(DemoCvatException::invalidToken);
    }

    public synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    /** A demo user by username, e.g. {@code user("anna")}. */
    public synchronized User user(String username) {
        return users.values().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo CVAT user " + username));
    }

    public synchronized Optional<User> userById(Long id) {
        return id == null ? Optional.empty() : Optional.ofNullable(users.get(id));
    }

    /** Tokens and roles, for the register page. */
    public synchronized String tokenHint() {
        return users.values().stream()
                .map(u -> u.token() + " (" + u.username() + ", " + switch (u.role()) {
                    case OWNER -> "owner and admin: the service token";
                    case REVIEWER -> "reviewer";
                    case ANNOTATOR -> "annotator";
                } + ")")
                .collect(Collectors.joining(", "));
    }

    // ---- projects and tasks

    public synchronized Project project(long id) {
        return Optional.ofNullable(projects.get(id)).orElseThrow(DemoCvatException::notFound);
    }

    /** Projects the viewer may see: those with a task the viewer may see (all for the owner). */
    public synchronized List<Project> projects(User viewer) {
        return projects.values().stream()
                .filter(p -> tasks.values().stream().anyMatch(t -> t.projectId() == p.id()
                        && canSeeTask(viewer, t.id())))
                .toList();
    }

    /**
     * Creates a task in a project with {@code jobCount} new jobs of {@code segmentSize} frames, as a project
     * maintainer does in CVAT; a tracked project picks it up.
     */
    public synchronized Task createTask(long projectId, String name, int jobCount, int segmentSize) {
        project(projectId);
        long taskId = tasks.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        long jobId = jobs.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Task task = new Task(taskId, name, projectId, "annotation", jobCount * segmentSize, segmentSize, now);
        tasks.put(taskId, task);
        for (int s = 0; s < jobCount; s++) {
            MutableJob job = new MutableJob(++jobId, taskId, projectId, s * segmentSize, (s + 1) * segmentSize - 1,
                    now);
            job.stage = io.cvatqueue.cvat.CvatModel.JobStage.ANNOTATION;
            job.state = io.cvatqueue.cvat.CvatModel.JobState.NEW;
            jobs.put(job.id, job);
        }
        return task;
    }

    /** How many tasks a project has. */
    public synchronized int taskCount(long projectId) {
        return (int) tasks.values().stream().filter(t -> t.projectId() == projectId).count();
    }

    /** Tasks the viewer may see: all for the owner, those with a job assigned to the viewer otherwise. */
    public synchronized List<Task> tasks(User viewer) {
        return tasks.values().stream().filter(t -> canSeeTask(viewer, t.id())).toList();
    }

    public synchronized Task task(User viewer, long taskId) {
        Task task = Optional.ofNullable(tasks.get(taskId)).orElseThrow(DemoCvatException::notFound);
        if (!canSeeTask(viewer, taskId)) {
            throw DemoCvatException.forbidden();
        }
        return task;
    }

    /** A task as it is, without a permission check: for the JSON views, tests and the job page. */
    public synchronized Task task(long taskId) {
        return Optional.ofNullable(tasks.get(taskId)).orElseThrow(DemoCvatException::notFound);
    }

    public synchronized JobsSummary jobsSummary(long taskId) {
        List<MutableJob> ofTask = jobs.values().stream().filter(j -> j.taskId == taskId).toList();
        int completed = (int) ofTask.stream()
                .filter(j -> j.stage == JobStage.ACCEPTANCE && j.state == JobState.COMPLETED).count();
        int validation = (int) ofTask.stream().filter(j -> j.stage == JobStage.VALIDATION).count();
        return new JobsSummary(ofTask.size(), completed, validation);
    }

    /** CVAT's task status: annotation while any job is annotated, then validation, then completed. */
    public synchronized String taskStatus(long taskId) {
        List<MutableJob> ofTask = jobs.values().stream().filter(j -> j.taskId == taskId).toList();
        if (ofTask.stream().anyMatch(j -> j.stage == JobStage.ANNOTATION)) {
            return "annotation";
        }
        if (ofTask.stream().anyMatch(j -> j.stage == JobStage.VALIDATION)) {
            return "validation";
        }
        return "completed";
    }

    /** Latest change of the task or any of its jobs, as CVAT touches a task when its jobs change. */
    public synchronized Instant taskUpdatedDate(long taskId) {
        Task task = Optional.ofNullable(tasks.get(taskId)).orElseThrow(DemoCvatException::notFound);
        return jobs.values().stream().filter(j -> j.taskId == taskId).map(j -> j.updatedDate)
                .max(Comparator.naturalOrder()).orElse(task.createdDate());
    }

    // ---- jobs

    /** Jobs matching the filter that the viewer may see (a worker sees only jobs assigned to them), by id. */
    public synchronized List<Job> jobs(User viewer, JobFilter filter) {
        Long assigneeId = filter.assignee() == null ? null : users.values().stream()
                .filter(u -> u.username().equals(filter.assignee())).map(User::id).findFirst().orElse(-1L);
        return jobs.values().stream()
                .filter(j -> canSeeJob(viewer, j))
                .filter(j -> filter.taskId() == null || j.taskId == filter.taskId())
                .filter(j -> filter.projectId() == null || j.projectId == filter.projectId())
                .filter(j -> filter.stage() == null || j.stage == filter.stage())
                .filter(j -> filter.state() == null || j.state == filter.state())
                .filter(j -> assigneeId == null || assigneeId.equals(j.assigneeId))
                .map(this::snapshot)
                .toList();
    }

    public synchronized Job job(User viewer, long jobId) {
        MutableJob job = existing(jobId);
        if (!canSeeJob(viewer, job)) {
            throw DemoCvatException.forbidden();
        }
        return snapshot(job);
    }

    /** A job as it is, without a permission check: for tests and the job page. */
    public synchronized Job job(long jobId) {
        return snapshot(existing(jobId));
    }

    /**
     * {@code PATCH /api/jobs/{id}}. Like CVAT, changing the stage without a state resets the state to "new".
     * Only the owner may change stage or assignee; the job's assignee may change its state.
     */
    public synchronized Job updateJob(User actor, long jobId, JobPatch patch) {
        MutableJob job = existing(jobId);
        boolean changesStage = patch.stage() != null && patch.stage() != job.stage;
        boolean changesAssignee = patch.setsAssignee() && !Objects.equals(patch.assignee(), job.assigneeId);
        if (!actor.owner()) {
            boolean ownJob = Long.valueOf(actor.id()).equals(job.assigneeId);
            if (!ownJob || changesStage || changesAssignee) {
                throw DemoCvatException.forbidden();
            }
        }
        if (patch.setsAssignee() && patch.assignee() != null && !users.containsKey(patch.assignee())) {
            throw DemoCvatException.badField("assignee",
                    "Invalid pk \"" + patch.assignee() + "\" - object does not exist.");
        }
        Instant now = now();
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
        touch(job, now);
        return snapshot(job);
    }

    /**
     * What {@code GET /api/jobs/{id}/annotations/} counts: a per-job density (deterministic from the seed and
     * the job id) times the share of frames annotated so far.
     */
    public synchronized Annotations annotations(User viewer, long jobId) {
        job(viewer, jobId);
        return annotations(jobId);
    }

    public synchronized Annotations annotations(long jobId) {
        MutableJob job = existing(jobId);
        List<AnnotationObject> objects = annotationObjects(job);
        return new Annotations(job.version, count(objects, ObjectKind.TAG), count(objects, ObjectKind.SHAPE),
                count(objects, ObjectKind.TRACK));
    }

    /** {@code GET /api/jobs/{id}/annotations/}: the job's objects, as many as {@link #annotations} counts. */
    public synchronized List<AnnotationObject> annotationObjects(User viewer, long jobId) {
        job(viewer, jobId);
        return annotationObjects(existing(jobId));
    }

    public synchronized List<AnnotationObject> annotationObjects(long jobId) {
        return annotationObjects(existing(jobId));
    }

    /** Draws a box in the job, as an annotator does in CVAT's editor. */
    public synchronized AnnotationObject drawBox(long jobId, long labelId, int frame) {
        MutableJob job = existing(jobId);
        AnnotationObject box = new AnnotationObject(job.id * 100_000 + 90_000 + job.drawnShapes.size(),
                ObjectKind.SHAPE, frame, labelId, 0);
        job.drawnShapes.add(box);
        touch(job, now());
        return box;
    }

    /** Deletes an annotation object in the job, as an annotator does in CVAT's editor. */
    public synchronized void deleteObject(long jobId, long objectId) {
        MutableJob job = existing(jobId);
        job.removedObjects.add(objectId);
        touch(job, now());
    }

    /** Moves or relabels nothing in particular: the object's content changes, its id stays. */
    public synchronized void editObject(long jobId, long objectId) {
        MutableJob job = existing(jobId);
        job.revisions.merge(objectId, 1, Integer::sum);
        touch(job, now());
    }

    /**
     * The generated objects (a per-job density times the share of frames annotated so far, each object's frame and
     * label fixed by its id), minus the deleted ones, plus the drawn ones.
     */
    private List<AnnotationObject> annotationObjects(MutableJob job) {
        Random perJob = new Random(seed * 31 + job.id);
        double objectsPerFrame = 0.5 + perJob.nextDouble() * 3.5;
        boolean tagged = perJob.nextDouble() < 0.3;
        boolean video = "interpolation".equals(tasks.get(job.taskId).mode());
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

    private AnnotationObject generated(MutableJob job, long id, ObjectKind kind, int frame) {
        Random perObject = new Random(seed * 1_000_003L + id);
        int frames = job.stopFrame - job.startFrame + 1;
        int at = frame >= 0 ? frame : job.startFrame + perObject.nextInt(frames);
        return new AnnotationObject(id, kind, at, 1 + perObject.nextInt(DemoCvatModel.LABELS.size()), 0);
    }

    private static int count(List<AnnotationObject> objects, ObjectKind kind) {
        return (int) objects.stream().filter(o -> o.kind() == kind).count();
    }

    // ---- issues

    /** {@code POST /api/issues}: the owner or the job's assignee may pin a note to a frame of the job. */
    public synchronized Issue createIssue(User actor, long jobId, int frame, List<Double> position, String message) {
        MutableJob job = jobs.get(jobId);
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
        long id = issues.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        Issue issue = new Issue(id, jobId, frame, List.copyOf(position), actor.id(), message.strip(), now(), false);
        issues.put(id, issue);
        return issue;
    }

    public synchronized List<Issue> issues(long jobId) {
        return issues.values().stream().filter(i -> i.jobId() == jobId).toList();
    }

    /** {@code GET /api/issues?job_id=}: who may see the job sees its issues. */
    public synchronized List<Issue> issues(User viewer, long jobId) {
        job(viewer, jobId);
        return issues(jobId);
    }

    /** The annotator marks a review note as dealt with, as CVAT's "Resolve" button does. */
    public synchronized Issue resolveIssue(long issueId) {
        Issue issue = Optional.ofNullable(issues.get(issueId)).orElseThrow(DemoCvatException::notFound);
        issues.put(issueId, issue.resolve());
        return issues.get(issueId);
    }

    // ---- simulated annotators

    /** An annotator takes a job: assigned to them, stage annotation, state "in progress". */
    public synchronized Job startJob(long jobId, String annotator) {
        MutableJob job = existing(jobId);
        Instant now = now();
        Long annotatorId = user(annotator).id();
        if (!annotatorId.equals(job.assigneeId)) {
            job.assigneeId = annotatorId;
            job.assigneeUpdatedDate = now;
        }
        job.stage = JobStage.ANNOTATION;
        job.state = JobState.IN_PROGRESS;
        job.work = Math.max(job.work, 5 + simulation.nextInt(11));
        job.reworking = false;
        touch(job, now);
        return snapshot(job);
    }

    /**
     * The assignee finishes the job: stage annotation, state completed, more annotations. The assignee stays,
     * which is how the queue manager knows whom a review goes back to.
     */
    public synchronized Job completeJob(long jobId) {
        MutableJob job = existing(jobId);
        if (job.work >= 100) {
            rework(job);
        }
        job.work = job.work >= 100 ? job.work + 3 + simulation.nextInt(10) : 100;
        job.stage = JobStage.ANNOTATION;
        job.state = JobState.COMPLETED;
        job.reworking = false;
        touch(job, now());
        return snapshot(job);
    }

    /** Finishing a job taken back: the annotator fixes a few objects and resolves the review notes. */
    private void rework(MutableJob job) {
        List<AnnotationObject> objects = annotationObjects(job);
        for (int i = 0; i < Math.min(2, objects.size()); i++) {
            job.revisions.merge(objects.get(simulation.nextInt(objects.size())).id(), 1, Integer::sum);
        }
        issues.replaceAll((id, issue) -> issue.jobId() == job.id ? issue.resolve() : issue);
    }

    /**
     * One step of every annotator's day, in this order of priority: take back the rejected jobs, finish a job
     * taken back (oldest first), finish or progress a job in progress, start a new job.
     *
     * @return the jobs that changed
     */
    public synchronized List<Job> tick() {
        List<Job> changed = new ArrayList<>();
        for (User annotator : users.values()) {
            if (annotator.role() != Role.ANNOTATOR) {
                continue;
            }
            // a rejection is seen at once: every rejected job is taken back, then redone one per tick
            List<MutableJob> rejected = jobs.values().stream()
                    .filter(j -> Long.valueOf(annotator.id()).equals(j.assigneeId))
                    .filter(j -> j.stage == JobStage.ANNOTATION && j.state == JobState.REJECTED).toList();
            if (!rejected.isEmpty()) {
                for (MutableJob job : rejected) {
                    job.state = JobState.IN_PROGRESS;
                    job.reworking = true;
                    job.work += 2;
                    touch(job, now());
                    changed.add(snapshot(job));
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
                    touch(job, now());
                    changed.add(snapshot(job));
                }
                continue;
            }
            nextNewJob(annotator).ifPresent(job -> changed.add(startJob(job.id, annotator.username())));
        }
        return changed;
    }

    // ---- internals

    private Optional<MutableJob> firstInProgress(User annotator, boolean reworking) {
        return jobs.values().stream()
                .filter(j -> Long.valueOf(annotator.id()).equals(j.assigneeId))
                .filter(j -> j.stage == JobStage.ANNOTATION && j.state == JobState.IN_PROGRESS)
                .filter(j -> !reworking || j.reworking)
                .min(Comparator.comparing((MutableJob j) -> j.updatedDate).thenComparing(j -> j.id));
    }

    /** A new job already assigned to the annotator, else an unassigned one. */
    private Optional<MutableJob> nextNewJob(User annotator) {
        List<MutableJob> fresh = jobs.values().stream()
                .filter(j -> j.stage == JobStage.ANNOTATION && j.state == JobState.NEW).toList();
        return fresh.stream().filter(j -> Long.valueOf(annotator.id()).equals(j.assigneeId)).findFirst()
                .or(() -> fresh.stream().filter(j -> j.assigneeId == null).findFirst());
    }

    private boolean canSeeTask(User viewer, long taskId) {
        return viewer.owner() || jobs.values().stream()
                .anyMatch(j -> j.taskId == taskId && Long.valueOf(viewer.id()).equals(j.assigneeId));
    }

    private static boolean canSeeJob(User viewer, MutableJob job) {
        return viewer.owner() || Long.valueOf(viewer.id()).equals(job.assigneeId);
    }

    /**
     * {@code DELETE /api/jobs/{id}}: the job and its issues are gone (CVAT deletes jobs with their task, and ground
     * truth jobs on their own). Only the owner may delete.
     */
    public synchronized void deleteJob(User actor, long jobId) {
        MutableJob job = existing(jobId);
        if (!actor.owner()) {
            throw DemoCvatException.forbidden();
        }
        jobs.remove(job.id);
        issues.values().removeIf(issue -> issue.jobId() == job.id);
    }

    private MutableJob existing(long jobId) {
        return Optional.ofNullable(jobs.get(jobId)).orElseThrow(DemoCvatException::notFound);
    }

    private void touch(MutableJob job, Instant now) {
        job.updatedDate = now;
        job.version++;
    }

    /**
     * Strictly increasing timestamps: the queue manager's sync detects changes by {@code updated_date}, which
     * must move even when a test's clock stands still.
     */
    private Instant now() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        lastTimestamp = now.isAfter(lastTimestamp) ? now : lastTimestamp.plusMillis(1);
        return lastTimestamp;
    }

    private int issueCount(long jobId) {
        return (int) issues.values().stream().filter(i -> i.jobId() == jobId).count();
    }

    private Job snapshot(MutableJob j) {
        return new Job(j.id, j.taskId, j.projectId, j.assigneeId, j.stage, j.state, j.startFrame, j.stopFrame,
                j.createdDate, j.updatedDate, j.assigneeUpdatedDate, issueCount(j.id));
    }
}
