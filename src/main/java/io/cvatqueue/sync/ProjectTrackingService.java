package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.Project;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whole CVAT projects tracked at once: all their tasks now, and tasks created in them later, found by each sync
 * and at once by CVAT's {@code create:task} webhook. A task of a tracked project that an admin untracks stays
 * untracked.
 */
@Service
public class ProjectTrackingService {

    private static final Logger log = LoggerFactory.getLogger(ProjectTrackingService.class);

    private final TrackedProjectRepository projects;
    private final TrackedTaskService trackedTasks;
    private final UntrackedProjectTasks untracked;
    private final CvatInstanceService instances;
    private final CurrentUser currentUser;
    private final Clock clock;

    public ProjectTrackingService(TrackedProjectRepository projects, TrackedTaskService trackedTasks,
                                  UntrackedProjectTasks untracked, CvatInstanceService instances,
                                  CurrentUser currentUser, Clock clock) {
        this.projects = projects;
        this.trackedTasks = trackedTasks;
        this.untracked = untracked;
        this.instances = instances;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    public List<TrackedProject> list(long instanceId) {
        return projects.findByInstanceIdOrderByName(instanceId);
    }

    public boolean isTracked(long instanceId, Long cvatProjectId) {
        return cvatProjectId != null && projects.findByInstanceIdAndCvatProjectId(instanceId, cvatProjectId)
                .isPresent();
    }

    /**
     * The names of the given CVAT projects and whether each is tracked: tracked ones as stored, the others from
     * CVAT, asked only when there are such. A project CVAT cannot name now (CVAT is down, or the service token
     * does not see it) is left out: the name is a label, not worth failing a screen for.
     */
    public Map<Long, ProjectName> names(long instanceId, Collection<Long> cvatProjectIds) {
        Map<Long, ProjectName> names = new HashMap<>();
        list(instanceId).forEach(p -> names.put(p.cvatProjectId(), new ProjectName(p.name(), true)));
        if (!names.keySet().containsAll(cvatProjectIds)) {
            try {
                instances.serviceClient(instanceId).listProjects().stream()
                        .filter(p -> cvatProjectIds.contains(p.id()))
                        .forEach(p -> names.putIfAbsent(p.id(), new ProjectName(p.name(), false)));
            } catch (CvatException e) {
                log.debug("CVAT could not name the projects of instance {}: {}", instanceId, e.getMessage());
            }
        }
        return names;
    }

    /** CVAT projects of the instance that are not tracked yet. Calls CVAT. */
    @Secured("ROLE_ADMIN")
    public List<Project> untrackedCvatProjects(long instanceId) {
        Set<Long> tracked = list(instanceId).stream().map(TrackedProject::cvatProjectId).collect(Collectors.toSet());
        return instances.serviceClient(instanceId).listProjects().stream()
                .filter(p -> !tracked.contains(p.id()))
                .sorted(Comparator.comparing(Project::id))
                .toList();
    }

    /**
     * Tracks a CVAT project and all its tasks (tasks untracked one by one earlier become tracked again: the admin
     * asked for the whole project).
     *
     * @throws NoSuchElementException when CVAT has no such project, or the service token cannot see it
     * @throws CvatException          when CVAT cannot be read
     */
    @Secured("ROLE_ADMIN")
    public ProjectTracked track(long instanceId, long cvatProjectId) {
        String actor = currentUser.require().username();
        Project project = instances.serviceClient(instanceId).listProjects().stream()
                .filter(p -> p.id() == cvatProjectId).findFirst()
                .orElseThrow(() -> new NoSuchElementException("CVAT has no project " + cvatProjectId
                        + " (or the service token cannot see it)"));
        TrackedProject tracked = projects.findByInstanceIdAndCvatProjectId(instanceId, cvatProjectId)
                .orElseGet(() -> projects.save(new TrackedProject(null, instanceId, cvatProjectId, project.name(),
                        actor, clock.instant())));
        List<Task> tasks = instances.serviceClient(instanceId).listTasksOfProject(cvatProjectId);
        int added = 0;
        for (Task task : tasks) {
            untracked.forget(instanceId, task.id());
            if (trackedTasks.find(instanceId, task.id()).isEmpty()) {
                trackedTasks.trackAs(instanceId, task, actor);
                added++;
            }
        }
        log.info("{} tracks CVAT project {} ({}) of instance {}: {} task(s) newly tracked", actor, cvatProjectId,
                project.name(), instanceId, added);
        return new ProjectTracked(tracked, added, tasks.size());
    }

    /**
     * Stops tracking a project and its tasks. Open reviews stay and can still be finished.
     *
     * @return how many tasks are no longer tracked
     * @throws NoSuchElementException when the project is not tracked
     */
    @Secured("ROLE_ADMIN")
    public int untrack(long instanceId, long cvatProjectId) {
        TrackedProject project = projects.findByInstanceIdAndCvatProjectId(instanceId, cvatProjectId)
                .orElseThrow(() -> new NoSuchElementException("Project " + cvatProjectId + " is not tracked"));
        List<TrackedTask> tasks = trackedTasks.list(instanceId).stream()
                .filter(t -> t.projectId() != null && t.projectId() == cvatProjectId).toList();
        projects.delete(project);
        tasks.forEach(t -> {
            trackedTasks.untrackQuietly(t);
            untracked.forget(instanceId, t.cvatTaskId());
        });
        return tasks.size();
    }

    /**
     * Tracks the tasks created in the instance's tracked projects since the last look, except those untracked by
     * hand. A project CVAT cannot list now is logged and tried again next time.
     *
     * @return how many tasks are newly tracked
     */
    public int discoverNewTasks(long instanceId, String actor) {
        List<TrackedProject> tracked = list(instanceId);
        if (tracked.isEmpty()) {
            return 0;
        }
        Set<Long> excluded = untracked.of(instanceId);
        Set<Long> known = trackedTasks.list(instanceId).stream().map(TrackedTask::cvatTaskId)
                .collect(Collectors.toSet());
        int added = 0;
        for (TrackedProject project : tracked) {
            try {
                for (Task task : instances.serviceClient(instanceId).listTasksOfProject(project.cvatProjectId())) {
                    if (!known.contains(task.id()) && !excluded.contains(task.id())) {
                        trackedTasks.trackAs(instanceId, task, actor);
                        known.add(task.id());
                        added++;
                        log.info("Task {} ({}) of tracked project {} is now tracked", task.id(), task.name(),
                                project.name());
                    }
                }
            } catch (CvatException e) {
                log.warn("Tasks of tracked project {} (instance {}) could not be listed: {}", project.cvatProjectId(),
                        instanceId, e.getMessage());
            }
        }
        return added;
    }

    /** {@link #discoverNewTasks} for every instance that tracks projects. */
    public int discoverNewTasks(String actor) {
        return projects.findAll().stream().map(TrackedProject::instanceId).distinct()
                .mapToInt(instanceId -> discoverNewTasks(instanceId, actor)).sum();
    }

    /**
     * CVAT created a task (its {@code create:task} webhook): it is tracked when its project is, unless an admin
     * untracked it before.
     *
     * @return true when the task is now tracked
     */
    public boolean taskCreated(long instanceId, Task task, String actor) {
        if (!isTracked(instanceId, task.projectId()) || untracked.of(instanceId).contains(task.id())
                || trackedTasks.find(instanceId, task.id()).isPresent()) {
            return false;
        }
        trackedTasks.trackAs(instanceId, task, actor);
        return true;
    }

    /** @param tracked the whole project is tracked, tasks created in it later too */
    public record ProjectName(String name, boolean tracked) {
    }

    /**
     * @param newlyTracked tasks tracked by this call
     * @param tasksInProject tasks CVAT lists in the project
     */
    public record ProjectTracked(TrackedProject project, int newlyTracked, int tasksInProject) {
    }
}
