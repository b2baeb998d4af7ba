package io.cvatqueue.api;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.cvat.demo.DemoCvat;
import io.cvatqueue.security.TokenCipher;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Instant;
import java.util.List;

/**
 * Test data in the shared demo context: accounts that can log in, tracked tasks with completed jobs. Not a bean:
 * the app's component scan would pick it up in contexts without the demo CVAT.
 */
public class DemoFixture {

    public static final String PASSWORD = "correct horse battery";
    private static final String SHARED_TASK_OWNER = "api-tests";

    private final AppUserRepository users;
    private final CvatInstanceRepository instances;
    private final TrackedTaskRepository trackedTasks;
    private final TokenCipher cipher;
    private final PasswordEncoder passwordEncoder;
    private final DemoCvat cvat;
    private final ManagementService management;
    private final SyncService sync;

    public DemoFixture(ApplicationContext context) {
        this.users = context.getBean(AppUserRepository.class);
        this.instances = context.getBean(CvatInstanceRepository.class);
        this.trackedTasks = context.getBean(TrackedTaskRepository.class);
        this.cipher = context.getBean(TokenCipher.class);
        this.passwordEncoder = context.getBean(PasswordEncoder.class);
        this.cvat = context.getBean(DemoCvat.class);
        this.management = context.getBean(ManagementService.class);
        this.sync = context.getBean(SyncService.class);
    }

    public CvatInstance instance() {
        return instances.findFirstByDemoTrue().orElseThrow();
    }

    /** An account with password {@link #PASSWORD}, linked to a demo CVAT user. */
    public AppUser account(String username, Role role, String cvatUsername) {
        return users.findByUsername(username).orElseGet(() -> {
            DemoCvat.User cvatUser = cvat.user(cvatUsername);
            return users.save(new AppUser(null, username, passwordEncoder.encode(PASSWORD), role, true,
                    instance().id(), cvatUser.id(), cvatUser.username(), cipher.encrypt(cvatUser.authorization()),
                    Instant.now(), null));
        });
    }

    /**
     * The one CVAT task these tests track (the demo's last task). The demo CVAT has only eight tasks and
     * io.cvatqueue.sync.SyncIntegrationTest, in the same context, tracks a fresh one per test: so these tests
     * share a single task and complete fresh jobs in it instead of tracking more.
     */
    public long sharedTask() {
        long instanceId = instance().id();
        DemoCvat.User owner = cvat.user(DemoCvat.ADMIN);
        return trackedTasks.findByInstanceIdOrderByName(instanceId).stream()
                .filter(t -> SHARED_TASK_OWNER.equals(t.addedBy())).map(TrackedTask::cvatTaskId).findFirst()
                .orElseGet(() -> {
                    long taskId = cvat.tasks(owner).stream().map(DemoCvat.Task::id)
                            .filter(id -> untracked(instanceId, id)).max(Long::compare).orElseThrow();
                    trackedTasks.save(new TrackedTask(null, instanceId, taskId, cvat.task(taskId).name(), null,
                            SHARED_TASK_OWNER, Instant.now(), null, null));
                    // its jobs completed before the tests start are queued now, so later syncs queue only new ones
                    sync.syncTask(instanceId, taskId, "test");
                    return taskId;
                });
    }

    /** A job of the shared task still being annotated (new or in progress). */
    public DemoCvat.Job unfinishedJob() {
        long taskId = sharedTask();
        return cvat.jobs(cvat.user(DemoCvat.ADMIN), DemoCvat.JobFilter.task(taskId)).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .findFirst().orElseThrow(() -> new IllegalStateException("The shared task has no unfinished jobs"));
    }

    /** A job of the shared task that anna has just completed in CVAT (no review yet). */
    public DemoCvat.Job freshlyCompletedJob() {
        DemoCvat.Job job = unfinishedJob();
        cvat.startJob(job.id(), "anna");
        return cvat.completeJob(job.id());
    }

    /** A job completed in annotation in a task nobody tracks. */
    public DemoCvat.Job completedJobOfAnUntrackedTask() {
        long instanceId = instance().id();
        DemoCvat.User owner = cvat.user(DemoCvat.ADMIN);
        List<DemoCvat.Job> untracked = cvat.jobs(owner, DemoCvat.JobFilter.all()).stream()
                .filter(j -> untracked(instanceId, j.taskId())).toList();
        return untracked.stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION && j.state() == JobState.COMPLETED).findFirst()
                .orElseGet(() -> {
                    DemoCvat.Job job = untracked.stream().filter(j -> j.stage() == JobStage.ANNOTATION)
                            .findFirst().orElseThrow();
                    cvat.startJob(job.id(), "anna");
                    return cvat.completeJob(job.id());
                });
    }

    /** Runs the workflow's due async steps (CVAT updates), as the job executor would. */
    public void runDueJobs() {
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().executable().list().stream()
                    .filter(job -> job.getProcessDefinitionKey() == null
                            || job.getProcessDefinitionKey().equals("job-review"))
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private boolean untracked(long instanceId, long taskId) {
        return trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, taskId).isEmpty();
    }
}
