package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.JobFilter;
import io.cvatqueue.demo.DemoCvatModel.JobPatch;
import io.cvatqueue.demo.DemoCvatModel.User;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo CVAT's REST API under {@code /demo-cvat}: the endpoints the queue manager's {@code CvatApi} calls,
 * answering like CVAT 2.52 (paging envelope, {@code application/vnd.cvat+json}, DRF error bodies).
 * The app's security lets {@code /demo-cvat/**} through; tokens are checked here, as CVAT does.
 */
@RestController
@Profile("demo")
@RequestMapping("/demo-cvat")
class DemoCvatController {

    static final MediaType CVAT_JSON = MediaType.parseMediaType("application/vnd.cvat+json");
    static final int DEFAULT_PAGE_SIZE = 10;
    /**
     * Larger pages are cut to this size, as a CVAT with a page size limit does, so that the queue manager's
     * paging is exercised by the demo too.
     */
    static final int MAX_PAGE_SIZE = 100;

    private final DemoCvat cvat;

    DemoCvatController(DemoCvat cvat) {
        this.cvat = cvat;
    }

    @GetMapping("/api/users/self")
    ResponseEntity<Object> self(@RequestHeader(value = "Authorization", required = false) String authorization) {
        User user = cvat.authenticate(authorization);
        return ok(json().user(user));
    }

    @GetMapping("/api/users")
    ResponseEntity<Object> users(@RequestHeader(value = "Authorization", required = false) String authorization,
                                 @RequestParam(value = "page", required = false) String page,
                                 @RequestParam(value = "page_size", required = false) String pageSize) {
        User viewer = cvat.authenticate(authorization);
        DemoCvatJson json = json();
        // like CVAT: admins see full user records, everyone else the basic ones
        Function<User, Object> view = viewer.owner() ? json::user : json::basicUser;
        return ok(page(cvat.users(), view, page, pageSize));
    }

    @GetMapping("/api/projects")
    ResponseEntity<Object> projects(@RequestHeader(value = "Authorization", required = false) String authorization,
                                    @RequestParam(value = "page", required = false) String page,
                                    @RequestParam(value = "page_size", required = false) String pageSize) {
        User viewer = cvat.authenticate(authorization);
        return ok(page(cvat.projects(viewer), json()::project, page, pageSize));
    }

    @GetMapping("/api/tasks")
    ResponseEntity<Object> tasks(@RequestHeader(value = "Authorization", required = false) String authorization,
                                 @RequestParam(value = "project_id", required = false) Long projectId,
                                 @RequestParam(value = "page", required = false) String page,
                                 @RequestParam(value = "page_size", required = false) String pageSize) {
        User viewer = cvat.authenticate(authorization);
        List<DemoCvatModel.Task> tasks = cvat.tasks(viewer).stream()
                .filter(t -> projectId == null || t.projectId() == projectId).toList();
        return ok(page(tasks, json()::task, page, pageSize));
    }

    @GetMapping("/api/tasks/{id}")
    ResponseEntity<Object> task(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @PathVariable("id") long id) {
        User viewer = cvat.authenticate(authorization);
        return ok(json().task(cvat.task(viewer, id)));
    }

    @GetMapping("/api/jobs")
    ResponseEntity<Object> jobs(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestParam(value = "task_id", required = false) Long taskId,
                                @RequestParam(value = "project_id", required = false) Long projectId,
                                @RequestParam(value = "stage", required = false) String stage,
                                @RequestParam(value = "state", required = false) String state,
                                @RequestParam(value = "assignee", required = false) String assignee,
                                @RequestParam(value = "page", required = false) String page,
                                @RequestParam(value = "page_size", required = false) String pageSize) {
        User viewer = cvat.authenticate(authorization);
        JobFilter filter = new JobFilter(taskId, projectId, stageFilter(stage), stateFilter(state), assignee);
        return ok(page(cvat.jobs(viewer, filter), json()::job, page, pageSize));
    }

    @GetMapping("/api/jobs/{id}")
    ResponseEntity<Object> job(@RequestHeader(value = "Authorization", required = false) String authorization,
                               @PathVariable("id") long id) {
        User viewer = cvat.authenticate(authorization);
        return ok(json().job(cvat.job(viewer, id)));
    }

    @DeleteMapping("/api/jobs/{id}")
    ResponseEntity<Object> deleteJob(@RequestHeader(value = "Authorization", required = false) String authorization,
                                     @PathVariable("id") long id) {
        cvat.deleteJob(cvat.authenticate(authorization), id);
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/api/jobs/{id}")
    ResponseEntity<Object> updateJob(@RequestHeader(value = "Authorization", required = false) String authorization,
                                     @PathVariable("id") long id,
                                     @RequestBody(required = false) Map<String, Object> body) {
        User actor = cvat.authenticate(authorization);
        Map<String, Object> fields = body == null ? Map.of() : body;
        JobPatch patch = new JobPatch(fields.containsKey("assignee"), userId(fields.get("assignee")),
                fields.containsKey("stage") ? stage(fields.get("stage")) : null,
                fields.containsKey("state") ? state(fields.get("state")) : null);
        return ok(json().job(cvat.updateJob(actor, id, patch)));
    }

    @GetMapping("/api/jobs/{id}/annotations/")
    ResponseEntity<Object> annotations(@RequestHeader(value = "Authorization", required = false) String authorization,
                                       @PathVariable("id") long id) {
        User viewer = cvat.authenticate(authorization);
        List<DemoCvatModel.AnnotationObject> objects = cvat.annotationObjects(viewer, id);
        return ok(json().annotations(cvat.annotations(id).version(), objects));
    }

    @GetMapping("/api/issues")
    ResponseEntity<Object> issues(@RequestHeader(value = "Authorization", required = false) String authorization,
                                  @RequestParam(value = "job_id", required = false) Long jobId,
                                  @RequestParam(value = "page", required = false) String page,
                                  @RequestParam(value = "page_size", required = false) String pageSize) {
        User viewer = cvat.authenticate(authorization);
        if (jobId == null) {
            // the demo keeps issues per job; a list across jobs is not needed by the queue manager
            return ok(page(List.<DemoCvatModel.Issue>of(), json()::issue, page, pageSize));
        }
        return ok(page(cvat.issues(viewer, jobId), json()::issue, page, pageSize));
    }

    @GetMapping("/api/labels")
    ResponseEntity<Object> labels(@RequestHeader(value = "Authorization", required = false) String authorization,
                                  @RequestParam(value = "job_id", required = false) Long jobId,
                                  @RequestParam(value = "task_id", required = false) Long taskId,
                                  @RequestParam(value = "page", required = false) String page,
                                  @RequestParam(value = "page_size", required = false) String pageSize) {
        User viewer = cvat.authenticate(authorization);
        long task = jobId != null ? cvat.job(viewer, jobId).taskId() : taskId != null ? cvat.task(viewer, taskId).id() : 0;
        DemoCvatJson json = json();
        List<Integer> indexes = java.util.stream.IntStream.range(0, DemoCvatModel.LABELS.size()).boxed().toList();
        return ok(page(indexes, i -> json.label(i, task), page, pageSize));
    }

    @PostMapping("/api/issues")
    ResponseEntity<Object> createIssue(@RequestHeader(value = "Authorization", required = false) String authorization,
                                       @RequestBody(required = false) Map<String, Object> body) {
        User actor = cvat.authenticate(authorization);
        Map<String, Object> fields = body == null ? Map.of() : body;
        long job = requiredInteger(fields, "job");
        int frame = (int) requiredInteger(fields, "frame");
        if (!(fields.get("message") instanceof String message)) {
            throw DemoCvatException.badField("message", "This field is required.");
        }
        DemoCvatModel.Issue issue = cvat.createIssue(actor, job, frame, position(fields.get("position")), message);
        return ResponseEntity.status(HttpStatus.CREATED).contentType(CVAT_JSON).body(json().issue(issue));
    }

    @ExceptionHandler(DemoCvatException.class)
    ResponseEntity<Object> refused(DemoCvatException e) {
        return ResponseEntity.status(e.status()).contentType(CVAT_JSON).body(e.body());
    }

    private DemoCvatJson json() {
        return new DemoCvatJson(cvat, ServletUriComponentsBuilder.fromCurrentContextPath().path("/demo-cvat")
                .build().toUriString());
    }

    private static ResponseEntity<Object> ok(Object body) {
        return ResponseEntity.ok().contentType(CVAT_JSON).body(body);
    }

    /**
     * CVAT's page envelope. Like Django REST framework: page 1 always exists, a page past the end or a page
     * that is not a number is 404 "Invalid page.", an unusable page_size falls back to the default.
     */
    private static <T> Map<String, Object> page(List<T> items, Function<T, Object> view, String pageParam,
                                                String pageSizeParam) {
        int pageSize = DEFAULT_PAGE_SIZE;
        if (pageSizeParam != null) {
            try {
                int asked = Integer.parseInt(pageSizeParam.strip());
                pageSize = asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
            } catch (NumberFormatException e) {
                pageSize = DEFAULT_PAGE_SIZE;
            }
        }
        int page;
        try {
            page = pageParam == null ? 1 : Integer.parseInt(pageParam.strip());
        } catch (NumberFormatException e) {
            throw DemoCvatException.invalidPage();
        }
        int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
        if (page < 1 || page > pages) {
            throw DemoCvatException.invalidPage();
        }
        List<Object> results = new ArrayList<>();
        items.subList((page - 1) * pageSize, Math.min(items.size(), page * pageSize)).forEach(i -> results.add(view.apply(i)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", items.size());
        json.put("next", page < pages ? pageLink(page + 1) : null);
        json.put("previous", page > 1 ? pageLink(page - 1) : null);
        json.put("results", results);
        return json;
    }

    private static String pageLink(int page) {
        // the request's query is already encoded ("in%20progress"): build(true) keeps it as it is
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build(true)
                .toUriString();
    }

    private static JobStage stageFilter(String value) {
        try {
            return value == null || value.isEmpty() ? null : JobStage.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw DemoCvatException.badField("stage",
                    "Select a valid choice. " + value + " is not one of the available choices.");
        }
    }

    private static JobState stateFilter(String value) {
        try {
            return value == null || value.isEmpty() ? null : JobState.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw DemoCvatException.badField("state",
                    "Select a valid choice. " + value + " is not one of the available choices.");
        }
    }

    private static JobStage stage(Object value) {
        try {
            return JobStage.fromWire(choice("stage", value));
        } catch (IllegalArgumentException e) {
            throw DemoCvatException.badField("stage", "\"" + value + "\" is not a valid choice.");
        }
    }

    private static JobState state(Object value) {
        try {
            return JobState.fromWire(choice("state", value));
        } catch (IllegalArgumentException e) {
            throw DemoCvatException.badField("state", "\"" + value + "\" is not a valid choice.");
        }
    }

    private static String choice(String field, Object value) {
        if (value == null) {
            throw DemoCvatException.badField(field, "This field may not be null.");
        }
        return String.valueOf(value);
    }

    private static Long userId(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw DemoCvatException.badField("assignee",
                "Incorrect type. Expected pk value, received " + value.getClass().getSimpleName().toLowerCase() + ".");
    }

    private static long requiredInteger(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        if (value == null) {
            throw DemoCvatException.badField(field, "This field is required.");
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw DemoCvatException.badField(field, "A valid integer is required.");
        }
        return ((Number) value).longValue();
    }

    private static List<Double> position(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof Number)) {
            throw DemoCvatException.badField("position", "Expected a list of numbers.");
        }
        return list.stream().map(v -> ((Number) v).doubleValue()).toList();
    }
}
