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

    public TrackedTaskService(TrackedTaskRepository trackedTasks, CvatInstanceService instances,
                              ReviewRepository reviews, CurrentUser currentUser, Clock clock) {
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
        return trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, task.id()).orElseGet(() -> {
            // reviews from an earlier tracking of the task show its current name in the queue
            reviews.nameTask(instanceId, task.id(), task.name());
            return trackedTasks.save(TrackedTask.of(instanceId, task.id(), task.name(), task.projectId(),
                    CvatOrganization.of(task.organization()), currentUser.require().username(), clock.instant()));
        });
    }

    /** Stops watching a task. Its open reviews stay and can still be finished. */
    @Secured("ROLE_ADMIN")
    public void untrack(long trackedTaskId) {
        trackedTasks.deleteById(trackedTaskId);
    }
}
