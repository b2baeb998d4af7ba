package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.security.CurrentUser;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which CVAT tasks the app watches, per instance. Admins choose them from the instance's CVAT tasks. */
@Service
public class TrackedTaskService {

    private final TrackedTaskRepository trackedTasks;
    private final CvatInstanceService instances;
    private final ReviewRepository reviews;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final TrackedProjectRepository projects;
    private final UntrackedProjectTasks untrackedProjectTasks;

    public TrackedTaskService(TrackedTaskRepository trackedTasks, CvatInstanceService instances,
                              ReviewRepository reviews, CurrentUser currentUser, Clock clock,
                              TrackedProjectRepository projects, UntrackedProjectTasks untrackedProjectTasks) {
        this.projects = projects;
        this.untrackedProjectTasks = untrackedProjectTasks;
        this.trackedTasks = trackedTasks;
        this.instances = instances;
        this.reviews = reviews;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    public List<TrackedTask> list(long instanceId) {
        return trackedTasks.findByInstanceIdOrderByName(instanceId);
    }

    public java.util.Optional<TrackedTask> find(long instanceId, long cvatTaskId) {
        return trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, cvatTaskId);
    }

    /** The context to call CVAT in about a task: its own organisation once known. */
    public CvatOrganization organization(long instanceId, long cvatTaskId) {
        return find(instanceId, cvatTaskId).map(TrackedTask::organization).orElse(CvatOrganization.INSTANCE_DEFAULT);
    }

    /** CVAT tasks of the instance that are not tracked yet. Calls CVAT. */
    @Secured("ROLE_ADMIN")
    public List<Task> untrackedCvatTasks(long instanceId) {
        Set<Long> tracked = list(instanceId).stream().map(TrackedTask::cvatTaskId).collect(Collectors.toSet());
        return instances.serviceClient(instanceId).listTasks().stream()
                .filter(task -> !tracked.contains(task.id()))
                .sorted(Comparator.comparing(Task::id))
                .toList();
    }

    @Secured("ROLE_ADMIN")
    @Transactional
    public TrackedTask track(long instanceId, Task task) {
        untrackedProjectTasks.forget(instanceId, task.id());
        return trackAs(instanceId, task, currentUser.require().username());
    }

    /** Tracks a task for the sync or a webhook, which act without a logged-in admin. */
    TrackedTask trackAs(long instanceId, Task task, String actor) {
        return trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, task.id()).orElseGet(() -> {
            // reviews from an earlier tracking of the task show its current name in the queue
            reviews.nameTask(instanceId, task.id(), task.name());
            return trackedTasks.save(TrackedTask.of(instanceId, task.id(), task.name(), task.projectId(),
                    CvatOrganization.of(task.organization()), actor, clock.instant()));
        });
    }

    /**
     * Tracks several CVAT tasks at once, read with one task list request.
     *
     * @return the tasks newly tracked; those tracked already are left as they are
     * @throws IllegalArgumentException naming the ids CVAT does not list (nothing is tracked then)
     */
    @Secured("ROLE_ADMIN")
    public List<TrackedTask> trackAll(long instanceId, java.util.Collection<Long> cvatTaskIds) {
        java.util.Map<Long, Task> cvatTasks = instances.serviceClient(instanceId).listTasks().stream()
                .collect(Collectors.toMap(Task::id, t -> t, (a, b) -> a));
        List<Long> unknown = cvatTaskIds.stream().filter(id -> !cvatTasks.containsKey(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("CVAT has no task " + unknown.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " (or the service token cannot see it); nothing was tracked");
        }
        return cvatTaskIds.stream().distinct().filter(id -> find(instanceId, id).isEmpty())
                .map(id -> track(instanceId, cvatTasks.get(id))).toList();
    }

    /** Stops watching a task. Its open reviews stay and can still be finished. */
    @Secured("ROLE_ADMIN")
    public void untrack(long trackedTaskId) {
        trackedTasks.findById(trackedTaskId).ifPresent(this::untrackByHand);
    }

    /**
     * Stops watching several tasks of an instance (by CVAT task id).
     *
     * @return how many were tracked and are not any more
     */
    @Secured("ROLE_ADMIN")
    public int untrackAll(long instanceId, java.util.Collection<Long> cvatTaskIds) {
        int untracked = 0;
        for (long id : new java.util.LinkedHashSet<>(cvatTaskIds)) {
            java.util.Optional<TrackedTask> task = find(instanceId, id);
            if (task.isPresent()) {
                untrackByHand(task.get());
                untracked++;
            }
        }
        return untracked;
    }

    /** A task of a tracked project untracked by hand is remembered, so that the project does not track it again. */
    private void untrackByHand(TrackedTask task) {
        if (task.projectId() != null
                && projects.findByInstanceIdAndCvatProjectId(task.instanceId(), task.projectId()).isPresent()) {
            untrackedProjectTasks.remember(task.instanceId(), task.cvatTaskId(), currentUser.require().username(),
                    clock.instant());
        }
        trackedTasks.delete(task);
    }

    /** Untracks a task as part of untracking its whole project. */
    void untrackQuietly(TrackedTask task) {
        trackedTasks.delete(task);
    }
}
