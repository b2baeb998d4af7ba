package io.cvatqueue.api;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.springframework.context.ApplicationContext;

import java.util.List;

/**
 * Test data in the shared demo context: accounts that can log in, tracked tasks with completed jobs. Not a bean:
 * the app's component scan would pick it up in contexts without the demo CVAT.
 */
public class DemoFixture {

    public static final String PASSWORD = TestAccounts.PASSWORD;
    private static final String SHARED_TASK_OWNER = "api-tests";

    private final DemoWorld world;
    private final TrackedTaskRepository trackedTasks;
    private final DemoCvat cvat;
    private final SyncService sync;

    public DemoFixture(ApplicationContext context) {
        this.world = new DemoWorld(context);
        this.trackedTasks = context.getBean(TrackedTaskRepository.class);
        this.cvat = context.getBean(DemoCvat.class);
        this.sync = context.getBean(SyncService.class);
    }

    public CvatInstance instance() {
        return world.instance();
    }

    /** An account with password {@link #PASSWORD}, linked to a demo CVAT user. */
    public AppUser account(String username, Role role, String cvatUsername) {
        return world.accountWithPassword(username, role, cvatUsername);
    }

    /**
     * The one CVAT task these tests track (the demo's last task). The demo CVAT has only eight tasks and
     * io.cvatqueue.sync.SyncIntegrationTest, in the same context, tracks a fresh one per test: so these tests
     * share a single task and complete fresh jobs in it instead of tracking more.
     */
    public long sharedTask() {
        long instanceId = instance().id();
        DemoCvatModel.User owner = cvat.user(DemoCvat.ADMIN);
        return trackedTasks.findByInstanceIdOrderByName(instanceId).stream()
                .filter(t -> SHARED_TASK_OWNER.equals(t.addedBy())).map(TrackedTask::cvatTaskId).findFirst()
                .orElseGet(() -> {
                    long taskId = cvat.tasks(owner).stream().map(DemoCvatModel.Task::id)
                            .filter(id -> !world.isTracked(id)).max(Long::compare).orElseThrow();
                    world.track(taskId, SHARED_TASK_OWNER);
                    // its jobs completed before the tests start are queued now, so later syncs queue only new ones
                    sync.syncTask(instanceId, taskId, "test");
                    return taskId;
                });
    }

    /** A job of the shared task still being annotated (new or in progress). */
    public DemoCvatModel.Job unfinishedJob() {
        long taskId = sharedTask();
        return cvat.jobs(cvat.user(DemoCvat.ADMIN), DemoCvatModel.JobFilter.task(taskId)).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .findFirst().orElseThrow(() -> new IllegalStateException("The shared task has no unfinished jobs"));
    }

    /** A job of the shared task that anna has just completed in CVAT (no review yet). */
    public DemoCvatModel.Job freshlyCompletedJob() {
        return world.completeAsAnna(unfinishedJob().id());
    }

    /** A job completed in annotation in a task nobody tracks. */
    public DemoCvatModel.Job completedJobOfAnUntrackedTask() {
        DemoCvatModel.User owner = cvat.user(DemoCvat.ADMIN);
        List<DemoCvatModel.Job> untracked = cvat.jobs(owner, DemoCvatModel.JobFilter.all()).stream()
                .filter(j -> !world.isTracked(j.taskId())).toList();
        return untracked.stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION && j.state() == JobState.COMPLETED).findFirst()
                .orElseGet(() -> world.completeAsAnna(untracked.stream()
                        .filter(j -> j.stage() == JobStage.ANNOTATION).findFirst().orElseThrow().id()));
    }

    /** Runs the workflow's due async steps (CVAT updates), as the job executor would. */
    public void runDueJobs() {
        world.runDueJobs();
    }
}
