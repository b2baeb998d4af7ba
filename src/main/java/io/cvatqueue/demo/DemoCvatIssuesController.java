package io.cvatqueue.demo;

import io.cvatqueue.demo.DemoCvatModel.User;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

import static io.cvatqueue.demo.DemoCvatPaging.page;

/** The demo CVAT's issues: the notes a reviewer pins to a frame of a rejected job. */
@RestController
@Profile("demo")
@RequestMapping("/demo-cvat")
class DemoCvatIssuesController extends DemoCvatEndpoint {

    DemoCvatIssuesController(DemoCvat cvat) {
        super(cvat);
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
