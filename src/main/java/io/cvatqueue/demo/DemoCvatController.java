package io.cvatqueue.demo;

import io.cvatqueue.demo.DemoCvatModel.User;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static io.cvatqueue.demo.DemoCvatPaging.page;

/**
 * The demo CVAT's users, projects, tasks and labels: what the queue manager reads to know who is who and what
 * it may track. Jobs are in {@link DemoCvatJobsController}, issues in {@link DemoCvatIssuesController}.
 */
@RestController
@Profile("demo")
@RequestMapping("/demo-cvat")
class DemoCvatController extends DemoCvatEndpoint {

    DemoCvatController(DemoCvat cvat) {
        super(cvat);
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

    @GetMapping("/api/labels")
    ResponseEntity<Object> labels(@RequestHeader(value = "Authorization", required = false) String authorization,
                                  @RequestParam(value = "job_id", required = false) Long jobId,
                                  @RequestParam(value = "task_id", required = false) Long taskId,
                                  @RequestParam(value = "page", required = false) String page,
                                  @RequestParam(value = "page_size", required = false) String pageSize) {
        User viewer = cvat.authenticate(authorization);
        long task = jobId != null ? cvat.job(viewer, jobId).taskId() : taskId != null ? cvat.task(viewer, taskId).id() : 0;
        DemoCvatJson json = json();
        List<Integer> indexes = IntStream.range(0, DemoCvatModel.LABELS.size()).boxed().toList();
        return ok(page(indexes, i -> json.label(i, task), page, pageSize));
    }
}
