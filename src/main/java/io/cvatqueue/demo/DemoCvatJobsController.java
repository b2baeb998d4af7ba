package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.JobFilter;
import io.cvatqueue.demo.DemoCvatModel.JobPatch;
import io.cvatqueue.demo.DemoCvatModel.User;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

import static io.cvatqueue.demo.DemoCvatPaging.page;

/** The demo CVAT's jobs: list, read, change (stage, state, assignee), delete, and their annotations. */
@RestController
@Profile("demo")
@RequestMapping("/demo-cvat")
class DemoCvatJobsController extends DemoCvatEndpoint {

    DemoCvatJobsController(DemoCvat cvat) {
        super(cvat);
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
}
