package io.cvatqueue.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CVAT for fault tests, served over real HTTP on loopback: the endpoints the queue manager's {@code CvatApi}
 * calls, answering as CVAT 2.52's schema (src/test/resources/cvat/schema.yml) describes them, with state that the
 * app's calls change. It records every PATCH that changed a job's stage or state and every issue created, so a
 * test can count what CVAT really received. Faults are scripted: a deleted job (404 from then on), 503 for the
 * next N requests, a server that is down for a while (connections refused, then back on the same port), latency.
 */
public final class CvatStandIn implements AutoCloseable {

    public static final String STAGE_ANNOTATION = "annotation";
    public static final String STAGE_VALIDATION = "validation";
    public static final String STAGE_ACCEPTANCE = "acceptance";
    public static final String STATE_NEW = "new";
    public static final String STATE_IN_PROGRESS = "in progress";
    public static final String STATE_COMPLETED = "completed";
    public static final String STATE_REJECTED = "rejected";

    private static final Set<String> STAGES = Set.of(STAGE_ANNOTATION, STAGE_VALIDATION, STAGE_ACCEPTANCE);
    private static final Set<String> STATES = Set.of(STATE_NEW, STATE_IN_PROGRESS, STATE_COMPLETED, STATE_REJECTED);
    private static final String CVAT_JSON = "application/vnd.cvat+json";
    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TASK = Pattern.compile("/api/tasks/(\\d+)");
    private static final Pattern JOB = Pattern.compile("/api/jobs/(\\d+)");
    private static final Pattern ANNOTATIONS = Pattern.compile("/api/jobs/(\\d+)/annotations/?");

    /** A CVAT user; the first one added owns the tasks and is a CVAT admin. */
    public record User(long id, String username, String firstName, String lastName, String token, boolean admin) {
        public String authorization() {
            return "Token " + token;
        }
    }

    /** A job as it stands now. */
    public record JobView(long id, long taskId, String stage, String state, Long assigneeId) {
    }

    /** A PATCH of the app that changed a job's stage or state. */
    public record JobChange(long jobId, String fromStage, String fromState, String toStage, String toState,
                            Long assigneeId, Instant at) {
        public boolean to(String stage, String state) {
            return toStage.equals(stage) && toState.equals(state);
        }
    }

    /** An issue (a review note) the app created; {@code resolved} as the annotator left it. */
    public record Issue(long id, long jobId, int frame, List<Double> position, String message, long ownerId,
                       Instant createdDate, boolean resolved) {
    }

    /** The labels of every task, CVAT ids 1 and 2. */
    public static final Map<Long, String> LABELS = Map.of(1L, "car", 2L, "person");

    private record Task(long id, String name, long ownerId, Instant createdDate) {
    }

    private static final class Job {
        final long id;
        final long taskId;
        final int startFrame;
        final int stopFrame;
        final Instant createdDate;
        String stage = STAGE_ANNOTATION;
        String state = STATE_NEW;
        Long assigneeId;
        Instant updatedDate;
        Instant assigneeUpdatedDate;
        int issueCount;
        /** Boxes drawn in the job ({@code LabeledShape}), by id. */
        final Map<Long, Map<String, Object>> shapes = new TreeMap<>();

        Job(long id, long taskId, int startFrame, int stopFrame, Instant createdDate) {
            this.id = id;
            this.taskId = taskId;
            this.startFrame = startFrame;
            this.stopFrame = stopFrame;
            this.createdDate = createdDate;
            this.updatedDate = createdDate;
        }

        JobView view() {
            return new JobView(id, taskId, stage, state, assigneeId);
        }
    }

    private final Object lock = new Object();
    private final String name;
    private final int port;
    private final ExecutorService handlers = Executors.newCachedThreadPool(daemon("cvat-stand-in"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("cvat-fault"));
    private final Map<Long, User> users = new TreeMap<>();
    private final Map<Long, Task> tasks = new TreeMap<>();
    private final Map<Long, Job> jobs = new TreeMap<>();
    private final Map<Long, Job> deletedJobs = new TreeMap<>();
    private final List<JobChange> changes = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresServed = new AtomicInteger();
    private final AtomicInteger outages = new AtomicInteger();
    private long nextTaskId;
    private long nextJobId;
    private long nextIssueId = 1;
    private long nextShapeId = 1;
    private int failuresLeft;
    private int failureStatus;
    private Duration downAfterFailures;
    private Duration latency = Duration.ZERO;
    private HttpServer server;

    private CvatStandIn(String name, long firstTaskId, long firstJobId) {
        this.name = name;
        this.nextTaskId = firstTaskId;
        this.nextJobId = firstJobId;
        this.port = freePort();
    }

    /** Starts a stand-in on a free loopback port; task and job ids start where given, to tell two CVATs apart. */
    public static CvatStandIn start(String name, long firstTaskId, long firstJobId) {
        CvatStandIn cvat = new CvatStandIn(name, firstTaskId, firstJobId);
        cvat.bind();
        return cvat;
    }

    public String name() {
        return name;
    }

    /** The base URL as the app stores it (normalised: no trailing slash, no /api). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    // ---- state ---------------------------------------------------------------------------------------------

    public User addUser(String username, String token) {
        synchronized (lock) {
            long id = users.size() + 1L;
            User user = new User(id, username, capitalise(username), "Stand-in", token, users.isEmpty());
            users.put(id, user);
            return user;
        }
    }

    /** A task of the first user with {@code jobCount} jobs of 10 frames each, all in annotation / new. */
    public long addTask(String taskName, int jobCount) {
        synchronized (lock) {
            Instant created = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
            long id = nextTaskId++;
            tasks.put(id, new Task(id, taskName, 1, created));
            for (int i = 0; i < jobCount; i++) {
                long jobId = nextJobId++;
                jobs.put(jobId, new Job(jobId, id, i * 10, i * 10 + 9, created));
            }
            return id;
        }
    }

    public List<Long> jobIds(long taskId) {
        synchronized (lock) {
            return jobs.values().stream().filter(j -> j.taskId == taskId).map(j -> j.id).toList();
        }
    }

    /** What an annotator does in CVAT's editor: the job is completed in stage annotation (not a recorded change). */
    public void completeAnnotation(long jobId, long annotatorId) {
        synchronized (lock) {
            Job job = existing(jobId);
            job.stage = STAGE_ANNOTATION;
            job.state = STATE_COMPLETED;
            job.assigneeId = annotatorId;
            job.updatedDate = Instant.now();
        }
    }

    public Optional<JobView> job(long jobId) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(jobId)).map(Job::view);
        }
    }

    /** The app's PATCHes that changed the job's stage or state, oldest first. */
    public List<JobChange> changes(long jobId) {
        synchronized (lock) {
            return changes.stream().filter(c -> c.jobId() == jobId).toList();
        }
    }

    public List<Issue> issues(long jobId) {
        synchronized (lock) {
            return issues.stream().filter(i -> i.jobId() == jobId).toList();
        }
    }

    /** What an annotator does in CVAT's editor: draws a box (label 1 or 2) on a frame of the job; returns its id. */
    public long drawBox(long jobId, long labelId, int frame) {
        synchronized (lock) {
            Job job = existing(jobId);
            long id = nextShapeId++;
            Map<String, Object> shape = new LinkedHashMap<>();
            shape.put("type", "rectangle");
            shape.put("occluded", false);
            shape.put("outside", false);
            shape.put("z_order", 0);
            shape.put("rotation", 0.0);
            shape.put("points", List.of(10.0 + id, 10.0, 60.0 + id, 50.0));
            shape.put("id", id);
            shape.put("frame", frame);
            shape.put("label_id", labelId);
            shape.put("group", 0);
            shape.put("source", "manual");
            shape.put("attributes", List.of());
            shape.put("elements", List.of());
            job.shapes.put(id, shape);
            job.updatedDate = Instant.now();
            return id;
        }
    }

    /** Deletes a box in CVAT's editor. */
    public void deleteShape(long jobId, long shapeId) {
        synchronized (lock) {
            Job job = existing(jobId);
            job.shapes.remove(shapeId);
            job.updatedDate = Instant.now();
        }
    }

    /** The annotator marks an issue resolved, as CVAT's "Resolve" button does. */
    public void resolveIssue(long issueId) {
        synchronized (lock) {
            issues.replaceAll(i -> i.id() != issueId ? i : new Issue(i.id(), i.jobId(), i.frame(), i.position(),
                    i.message(), i.ownerId(), i.createdDate(), true));
        }
    }

    public int requestCount() {
        return requests.get();
    }

    // ---- faults --------------------------------------------------------------------------------------------

    /** Deletes the job as a CVAT user would: every request about it answers 404 from now on. */
    public void deleteJob(long jobId) {
        synchronized (lock) {
            deletedJobs.put(jobId, existing(jobId));
            jobs.remove(jobId);
        }
    }

    /** The next {@code count} requests, whatever they are, answer {@code status} (as a proxy in front of CVAT would). */
    public void failNext(int count, int status) {
        synchronized (lock) {
            failuresLeft = count;
            failureStatus = status;
            downAfterFailures = null;
        }
    }

    /** The next {@code failures} requests answer 503, then the server is down (connections refused) for {@code down}. */
    public void failThenGoDown(int failures, Duration down) {
        synchronized (lock) {
            failuresLeft = failures;
            failureStatus = 503;
            downAfterFailures = down;
        }
    }

    /** Stops listening now and listens again on the same port after {@code down}. */
    public void goDownFor(Duration down) {
        synchronized (lock) {
            if (server == null) {
                return;
            }
            server.stop(0);
            server = null;
            outages.incrementAndGet();
        }
        scheduler.schedule(this::bind, down.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every answer waits this long first. */
    public void latency(Duration delay) {
        synchronized (lock) {
            latency = delay;
        }
    }

    public boolean isUp() {
        synchronized (lock) {
            return server != null;
        }
    }

    /** Requests answered with a scripted failure status so far. */
    public int failuresServed() {
        return failuresServed.get();
    }

    /** Times the server went down so far. */
    public int outages() {
        return outages.get();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        scheduler.shutdownNow();
        handlers.shutdownNow();
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private void bind() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                created.setExecutor(handlers);
                created.createContext("/", this::handle);
                synchronized (lock) {
                    if (scheduler.isShutdown()) {
                        return;
                    }
                    created.start();
                    server = created;
                }
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("CVAT stand-in " + name + " cannot listen on port " + port, e);
                }
                sleep(Duration.ofMillis(100));
            } catch (IOException e) {
                throw new IllegalStateException("CVAT stand-in " + name + " cannot listen on port " + port, e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Duration delay;
            int failWith = 0;
            Duration goDownAfter = null;
            synchronized (lock) {
                delay = latency;
                if (failuresLeft > 0) {
                    failuresLeft--;
                    failWith = failureStatus;
                    if (failuresLeft == 0) {
                        goDownAfter = downAfterFailures;
                        downAfterFailures = null;
                    }
                }
            }
            if (!delay.isZero()) {
                sleep(delay);
            }
            if (failWith != 0) {
                drain(exchange.getRequestBody());
                failuresServed.incrementAndGet();
                send(exchange, failWith, "text/html", ("<html><head><title>" + failWith + " Service Temporarily "
                        + "Unavailable</title></head><body><center><h1>" + failWith + " Service Temporarily "
                        + "Unavailable</h1></center><hr><center>nginx</center></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
                if (goDownAfter != null) {
                    Duration down = goDownAfter;
                    // after this answer is sent: stopping the server from its own handler would wait for it
                    scheduler.execute(() -> goDownFor(down));
                }
                return;
            }
            Reply reply;
            try {
                reply = route(exchange);
            } catch (Refusal refusal) {
                reply = new Reply(refusal.status, refusal.body);
            } catch (RuntimeException e) {
                reply = new Reply(500, Map.of("detail", "Stand-in failure: " + e));
            }
            send(exchange, reply.status, CVAT_JSON, JSON.writeValueAsBytes(reply.body));
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        User user = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        Matcher m;
        synchronized (lock) {
            if (method.equals("GET") && path.equals("/api/users/self")) {
                return ok(user(user));
            }
            if (method.equals("GET") && path.equals("/api/users")) {
                List<Object> all = users.values().stream().map(u -> (Object) (user.admin() ? user(u) : basicUser(u)))
                        .toList();
                return ok(page(exchange, all, query));
            }
            if (method.equals("GET") && path.equals("/api/tasks")) {
                // the stand-in's tasks belong to no project: a project_id filter matches none of them
                List<Object> listed = query.containsKey("project_id") ? List.of()
                        : tasks.values().stream().map(t -> (Object) task(t)).toList();
                return ok(page(exchange, listed, query));
            }
            if (method.equals("GET") && path.equals("/api/projects")) {
                return ok(page(exchange, List.of(), query));
            }
            if (method.equals("GET") && (m = TASK.matcher(path)).matches()) {
                Task task = tasks.get(Long.parseLong(m.group(1)));
                if (task == null) {
                    throw notFound();
                }
                return ok(task(task));
            }
            if (method.equals("GET") && path.equals("/api/jobs")) {
                return ok(page(exchange, filteredJobs(query), query));
            }
            if (method.equals("GET") && (m = ANNOTATIONS.matcher(path)).matches()) {
                Job job = existing(Long.parseLong(m.group(1)));
                return ok(Map.of("version", 0, "tags", List.of(), "shapes", new ArrayList<>(job.shapes.values()),
                        "tracks", List.of()));
            }
            if (method.equals("GET") && path.equals("/api/issues")) {
                Long jobId = query.containsKey("job_id") ? Long.valueOf(query.get("job_id")) : null;
                return ok(page(exchange, issues.stream().filter(i -> jobId == null || i.jobId() == jobId)
                        .map(i -> (Object) issue(i)).toList(), query));
            }
            if (method.equals("GET") && path.equals("/api/labels")) {
                Long jobId = query.containsKey("job_id") ? Long.valueOf(query.get("job_id")) : null;
                Long taskId = jobId != null ? Long.valueOf(existing(jobId).taskId) : null;
                return ok(page(exchange, new TreeMap<>(LABELS).entrySet().stream()
                        .map(l -> (Object) label(l.getKey(), l.getValue(), taskId)).toList(), query));
            }
            if (method.equals("GET") && (m = JOB.matcher(path)).matches()) {
                return ok(job(existing(Long.parseLong(m.group(1)))));
            }
            if (method.equals("PATCH") && (m = JOB.matcher(path)).matches()) {
                return ok(job(patchJob(existing(Long.parseLong(m.group(1))), object(body))));
            }
            if (method.equals("POST") && path.equals("/api/issues")) {
                return new Reply(201, issue(createIssue(user, object(body))));
            }
        }
        throw new Refusal(404, Map.of("detail", "Not found."));
    }

    private User authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new Refusal(401, Map.of("detail", "Authentication credentials were not provided."));
        }
        String[] parts = authorization.strip().split(" ", 2);
        synchronized (lock) {
            if (parts.length == 2 && (parts[0].equals("Token") || parts[0].equals("Bearer"))) {
                for (User user : users.values()) {
                    if (user.token().equals(parts[1])) {
                        return user;
                    }
                }
            }
        }
        throw new Refusal(401, Map.of("detail", "Invalid token."));
    }

    private List<Object> filteredJobs(Map<String, String> query) {
        String stage = query.get("stage");
        String state = query.get("state");
        if (stage != null && !stage.isEmpty() && !STAGES.contains(stage)) {
            throw badField("stage", "Select a valid choice. " + stage + " is not one of the available choices.");
        }
        if (state != null && !state.isEmpty() && !STATES.contains(state)) {
            throw badField("state", "Select a valid choice. " + state + " is not one of the available choices.");
        }
        Long taskId = query.containsKey("task_id") ? Long.valueOf(query.get("task_id")) : null;
        return jobs.values().stream()
                .filter(j -> taskId == null || j.taskId == taskId)
                .filter(j -> stage == null || stage.isEmpty() || j.stage.equals(stage))
                .filter(j -> state == null || state.isEmpty() || j.state.equals(state))
                .map(j -> (Object) job(j)).toList();
    }

    private Job patchJob(Job job, JsonNode fields) {
        Long assignee = job.assigneeId;
        if (fields.has("assignee")) {
            JsonNode value = fields.get("assignee");
            if (value.isNull()) {
                assignee = null;
            } else if (!value.isIntegralNumber()) {
                throw badField("assignee", "Incorrect type. Expected pk value, received " + value.getNodeType()
                        .name().toLowerCase() + ".");
            } else if (!users.containsKey(value.asLong())) {
                throw badField("assignee", "Invalid pk \"" + value.asLong() + "\" - object does not exist.");
            } else {
                assignee = value.asLong();
            }
        }
        String stage = job.stage;
        String state = job.state;
        if (fields.has("stage")) {
            stage = choice(fields.get("stage"), "stage", STAGES);
            // CVAT resets the state when the stage is written without one
            state = STATE_NEW;
        }
        if (fields.has("state")) {
            state = choice(fields.get("state"), "state", STATES);
        }
        Instant now = Instant.now();
        if (!stage.equals(job.stage) || !state.equals(job.state)) {
            changes.add(new JobChange(job.id, job.stage, job.state, stage, state, assignee, now));
        }
        if (!java.util.Objects.equals(assignee, job.assigneeId)) {
            job.assigneeUpdatedDate = now;
        }
        job.stage = stage;
        job.state = state;
        job.assigneeId = assignee;
        job.updatedDate = now;
        return job;
    }

    private Issue createIssue(User owner, JsonNode fields) {
        for (String required : List.of("frame", "position", "job", "message")) {
            if (!fields.has(required) || fields.get(required).isNull()) {
                throw badField(required, "This field is required.");
            }
        }
        if (!fields.get("job").isIntegralNumber() || !jobs.containsKey(fields.get("job").asLong())) {
            throw badField("job", "Invalid pk \"" + fields.get("job").asText() + "\" - object does not exist.");
        }
        if (!fields.get("frame").isIntegralNumber() || fields.get("frame").asInt() < 0) {
            throw badField("frame", "A valid integer is required.");
        }
        if (!fields.get("message").isTextual() || fields.get("message").asText().isEmpty()) {
            throw badField("message", "This field may not be blank.");
        }
        List<Double> position = new ArrayList<>();
        if (!fields.get("position").isArray()) {
            throw badField("position", "Expected a list of items but got type \"" + fields.get("position")
                    .getNodeType().name().toLowerCase() + "\".");
        }
        fields.get("position").forEach(p -> position.add(p.asDouble()));
        Job job = jobs.get(fields.get("job").asLong());
        Issue issue = new Issue(nextIssueId++, job.id, fields.get("frame").asInt(), position,
                fields.get("message").asText(), owner.id(), Instant.now(), false);
        issues.add(issue);
        job.issueCount++;
        return issue;
    }

    private Job existing(long jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw notFound();
        }
        return job;
    }

    // ---- CVAT's JSON (schema.yml: User, BasicUser, TaskRead, JobRead, IssueRead, Paginated*) -------------------

    private Map<String, Object> basicUser(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", baseUrl() + "/api/users/" + user.id());
        json.put("id", user.id());
        json.put("username", user.username());
        json.put("first_name", user.firstName());
        json.put("last_name", user.lastName());
        return json;
    }

    private Map<String, Object> basicUser(Long userId) {
        return userId == null || !users.containsKey(userId) ? null : basicUser(users.get(userId));
    }

    private Map<String, Object> user(User user) {
        Map<String, Object> json = basicUser(user);
        json.put("email", user.username() + "@example.com");
        json.put("groups", List.of(user.admin() ? "admin" : "user"));
        json.put("is_staff", user.admin());
        json.put("is_superuser", user.admin());
        json.put("is_active", true);
        json.put("last_login", null);
        json.put("date_joined", "2025-11-02T14:00:00Z");
        json.put("has_analytics_access", user.admin());
        return json;
    }

    private Map<String, Object> task(Task task) {
        List<Job> ofTask = jobs.values().stream().filter(j -> j.taskId == task.id()).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", baseUrl() + "/api/tasks/" + task.id());
        json.put("id", task.id());
        json.put("name", task.name());
        json.put("project_id", null);
        json.put("mode", "annotation");
        json.put("owner", basicUser(task.ownerId()));
        json.put("assignee", null);
        json.put("bug_tracker", "");
        json.put("created_date", date(task.createdDate()));
        json.put("updated_date", date(ofTask.stream().map(j -> j.updatedDate).max(Instant::compareTo)
                .orElse(task.createdDate())));
        json.put("overlap", 0);
        json.put("segment_size", 10);
        json.put("status", ofTask.stream().allMatch(j -> j.stage.equals(STAGE_ACCEPTANCE)
                && j.state.equals(STATE_COMPLETED)) ? "completed" : "annotation");
        json.put("data_chunk_size", 36);
        json.put("data_original_chunk_type", "imageset");
        json.put("data_compressed_chunk_type", "imageset");
        json.put("data_cloud_storage_id", null);
        json.put("guide_id", null);
        json.put("size", ofTask.size() * 10);
        json.put("image_quality", 70);
        json.put("data", task.id());
        json.put("dimension", "2d");
        json.put("subset", "");
        json.put("organization_id", null);
        json.put("organization", null);
        json.put("target_storage", null);
        json.put("source_storage", null);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", ofTask.size());
        summary.put("completed", (int) ofTask.stream().filter(j -> j.state.equals(STATE_COMPLETED)).count());
        summary.put("validation", (int) ofTask.stream().filter(j -> j.stage.equals(STAGE_VALIDATION)).count());
        summary.put("url", baseUrl() + "/api/jobs?task_id=" + task.id());
        json.put("jobs", summary);
        json.put("labels", Map.of("url", baseUrl() + "/api/labels?task_id=" + task.id()));
        json.put("assignee_updated_date", null);
        json.put("validation_mode", null);
        json.put("consensus_enabled", false);
        return json;
    }

    private Map<String, Object> job(Job job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", baseUrl() + "/api/jobs/" + job.id);
        json.put("id", job.id);
        json.put("task_id", job.taskId);
        json.put("project_id", null);
        json.put("assignee", basicUser(job.assigneeId));
        json.put("guide_id", null);
        json.put("dimension", "2d");
        json.put("bug_tracker", null);
        json.put("status", job.stage.equals(STAGE_ANNOTATION) ? "annotation"
                : job.stage.equals(STAGE_ACCEPTANCE) && job.state.equals(STATE_COMPLETED) ? "completed" : "validation");
        json.put("stage", job.stage);
        json.put("state", job.state);
        json.put("mode", "annotation");
        json.put("frame_count", job.stopFrame - job.startFrame + 1);
        json.put("start_frame", job.startFrame);
        json.put("stop_frame", job.stopFrame);
        json.put("data_chunk_size", 36);
        json.put("data_compressed_chunk_type", "imageset");
        json.put("data_original_chunk_type", "imageset");
        json.put("created_date", date(job.createdDate));
        json.put("updated_date", date(job.updatedDate));
        json.put("issues", Map.of("count", job.issueCount, "url", baseUrl() + "/api/issues?job_id=" + job.id));
        json.put("labels", Map.of("url", baseUrl() + "/api/labels?job_id=" + job.id));
        json.put("type", "annotation");
        json.put("organization", null);
        json.put("target_storage", null);
        json.put("source_storage", null);
        json.put("assignee_updated_date", date(job.assigneeUpdatedDate));
        json.put("parent_job_id", null);
        json.put("consensus_replicas", 0);
        return json;
    }

    private Map<String, Object> issue(Issue issue) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", issue.id());
        json.put("frame", issue.frame());
        json.put("position", issue.position());
        json.put("job", issue.jobId());
        json.put("owner", basicUser(issue.ownerId()));
        json.put("assignee", null);
        json.put("created_date", date(issue.createdDate()));
        json.put("updated_date", date(issue.createdDate()));
        json.put("resolved", issue.resolved());
        json.put("comments", Map.of("count", 1, "url", baseUrl() + "/api/comments?issue_id=" + issue.id()));
        return json;
    }

    private Map<String, Object> label(long id, String labelName, Long taskId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", labelName);
        json.put("color", id == 1 ? "#fa3253" : "#33ddff");
        json.put("attributes", List.of());
        json.put("type", "rectangle");
        json.put("sublabels", List.of());
        json.put("project_id", null);
        json.put("task_id", taskId);
        json.put("parent_id", null);
        json.put("has_parent", false);
        return json;
    }

    /** CVAT's page envelope; as Django REST framework: a page past the end is 404 "Invalid page.". */
    private Map<String, Object> page(HttpExchange exchange, List<Object> items, Map<String, String> query) {
        int pageSize = DEFAULT_PAGE_SIZE;
        try {
            int asked = Integer.parseInt(query.getOrDefault("page_size", "").strip());
            pageSize = asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
        } catch (NumberFormatException e) {
            // DRF falls back to the default page size
        }
        int page;
        try {
            page = Integer.parseInt(query.getOrDefault("page", "1").strip());
        } catch (NumberFormatException e) {
            throw new Refusal(404, Map.of("detail", "Invalid page."));
        }
        int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
        if (page < 1 || page > pages) {
            throw new Refusal(404, Map.of("detail", "Invalid page."));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", items.size());
        json.put("next", page < pages ? pageLink(exchange, page + 1) : null);
        json.put("previous", page > 1 ? pageLink(exchange, page - 1) : null);
        json.put("results", items.subList((page - 1) * pageSize, Math.min(items.size(), page * pageSize)));
        return json;
    }

    private String pageLink(HttpExchange exchange, int page) {
        String raw = exchange.getRequestURI().getRawQuery();
        List<String> params = new ArrayList<>();
        if (raw != null) {
            for (String param : raw.split("&")) {
                if (!param.startsWith("page=") && !param.isEmpty()) {
                    params.add(param);
                }
            }
        }
        params.add("page=" + page);
        return baseUrl() + exchange.getRequestURI().getRawPath() + "?" + String.join("&", params);
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private record Reply(int status, Object body) {
    }

    /** An answer other than 2xx, with CVAT's (Django REST framework's) error body. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final Object body;

        Refusal(int status, Object body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    private static Reply ok(Object body) {
        return new Reply(200, body);
    }

    private static Refusal notFound() {
        return new Refusal(404, Map.of("detail", "Not found."));
    }

    private static Refusal badField(String field, String message) {
        return new Refusal(400, Map.of(field, List.of(message)));
    }

    private static String choice(JsonNode value, String field, Set<String> choices) {
        if (value == null || value.isNull()) {
            throw badField(field, "This field may not be null.");
        }
        if (!choices.contains(value.asText())) {
            throw badField(field, "\"" + value.asText() + "\" is not a valid choice.");
        }
        return value.asText();
    }

    private static JsonNode object(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (!node.isObject()) {
                throw new Refusal(400, Map.of("non_field_errors", List.of("Invalid data. Expected a dictionary.")));
            }
            return node;
        } catch (IOException e) {
            throw new Refusal(400, Map.of("detail", "JSON parse error - " + e.getMessage()));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String param : raw.split("&")) {
            int eq = param.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(param.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static String date(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
