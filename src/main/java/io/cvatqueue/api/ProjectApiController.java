package io.cvatqueue.api;

import io.cvatqueue.sync.ProjectTrackingService;
import io.cvatqueue.sync.ProjectTrackingService.ProjectTracked;
import io.cvatqueue.sync.TrackedProject;
import io.cvatqueue.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Tracked projects", description = "CVAT projects whose tasks are all tracked, also those created later")
class ProjectApiController {

    private final ProjectTrackingService projects;
    private final CurrentUser currentUser;

    ProjectApiController(ProjectTrackingService projects, CurrentUser currentUser) {
        this.projects = projects;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(summary = "Tracked projects of a CVAT instance")
    List<TrackedProject> list(@RequestParam(required = false) Long instance) {
        return projects.list(CallerInstance.of(currentUser.require(), instance));
    }

    @PostMapping
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Track CVAT projects with all their tasks (admins)",
            description = "Body {\"projectIds\": [1]}. Answers per project how many tasks were newly tracked. Tasks "
                    + "created in the project later are tracked by the sync and the create:task webhook. 404 when "
                    + "CVAT has no such project.")
    List<ProjectTracked> track(@RequestBody ProjectIds request, @RequestParam(required = false) Long instance) {
        if (request == null || request.projectIds() == null || request.projectIds().isEmpty()) {
            throw new IllegalArgumentException("Name the CVAT projects in projectIds");
        }
        long instanceId = CallerInstance.of(currentUser.require(), instance);
        return request.projectIds().stream().distinct().map(id -> projects.track(instanceId, id)).toList();
    }

    @DeleteMapping("/{projectId}")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Stop tracking a project and its tasks (admins); open reviews stay")
    UntrackedProject untrack(@PathVariable long projectId, @RequestParam(required = false) Long instance) {
        long instanceId = CallerInstance.of(currentUser.require(), instance);
        return new UntrackedProject(projectId, projects.untrack(instanceId, projectId));
    }

    record ProjectIds(List<Long> projectIds) {
    }

    record UntrackedProject(long projectId, int untrackedTasks) {
    }
}
