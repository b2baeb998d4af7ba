package io.cvatqueue;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.security.AppUserPrincipal;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared test setup of a Spring context that runs with the demo CVAT: accounts bound to demo CVAT users,
 * logging in for service calls and for a browserless Vaadin UI (Karibu-Testing), tracking demo tasks, the usual
 * givens of review tests (settings that queue every job, a freshly queued review) and running the workflow's due
 * async steps. Not a bean: the app's component scan would pick it up in contexts without the
 * demo CVAT; tests construct it from their context.
 */
public final class DemoWorld {

    private static Routes routes;

    private final ApplicationContext context;
    private final AppUserRepository users;
    private final CvatInstanceRepository instances;
    private final TrackedTaskRepository trackedTasks;
    private final TokenCipher cipher;
    private final DemoCvat cvat;
    private final ManagementService management;

    public DemoWorld(ApplicationContext context) {
        this.context = context;
        this.users = context.getBean(AppUserRepository.class);
        this.instances = context.getBean(CvatInstanceRepository.class);
        this.trackedTasks = context.getBean(TrackedTaskRepository.class);
        this.cipher = context.getBean(TokenCipher.class);
        this.cvat = context.getBean(DemoCvat.class);
        this.management = context.getBean(ManagementService.class);
    }

    /** The CVAT instance of the demo CVAT. */
    public CvatInstance instance() {
        return instances.findFirstByDemoTrue().orElseThrow();
    }

    // ---- accounts and logins

    /** An active account on the demo instance, linked to a demo CVAT user, that cannot log in with a password. */
    public AppUser account(String username, Role role, String cvatUsername) {
        return account(username, role, cvatUsername, "{noop}unused");
    }

    /** Like {@link #account}, with the password {@link TestAccounts#PASSWORD} (for HTTP Basic and form logins). */
    public AppUser accountWithPassword(String username, Role role, String cvatUsername) {
        return account(username, role, cvatUsername,
                context.getBean(PasswordEncoder.class).encode(TestAccounts.PASSWORD));
    }

    private AppUser account(String username, Role role, String cvatUsername, String passwordHash) {
        return users.findByUsername(username).orElseGet(() -> {
            DemoCvatModel.User cvatUser = cvat.user(cvatUsername);
            return users.save(new AppUser(null, username, passwordHash, role, true, instance().id(), cvatUser.id(),
                    cvatUser.username(), cipher.encrypt(cvatUser.authorization()), Instant.now(), null));
        });
    }

    /**
     * Makes services see this user as the caller. Set on this context's own strategy (what method security
     * reads) and on the static holder: every Spring context of the test run installs its own Vaadin-aware
     * strategy there, and the last one started wins.
     */
    public UsernamePasswordAuthenticationToken actAs(AppUser user) {
        AppUserPrincipal principal = AppUserPrincipal.of(user);
        UsernamePasswordAuthenticationToken authentication =
                new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities());
        for (SecurityContextHolderStrategy strategy : strategies()) {
            SecurityContext securityContext = strategy.createEmptyContext();
            securityContext.setAuthentication(authentication);
            strategy.setContext(securityContext);
        }
        return authentication;
    }

    /** Forgets the login of {@link #actAs} on both strategies. */
    public void logOut() {
        strategies().forEach(SecurityContextHolderStrategy::clearContext);
    }

    private List<SecurityContextHolderStrategy> strategies() {
        return List.of(context.getBean(SecurityContextHolderStrategy.class),
                SecurityContextHolder.getContextHolderStrategy());
    }

    /**
     * Logs in (Spring Security, and the servlet requests Vaadin's view access checker asks for the principal and
     * its roles) and opens a fresh browserless UI at "". Close it with {@link #closeUi}.
     */
    public void openUiAs(AppUser user) {
        MockVaadin.tearDown();
        UsernamePasswordAuthenticationToken authentication = actAs(user);
        MockVaadin.setMockRequestFactory(session -> {
            FakeRequest request = new FakeRequest(session);
            request.setUserPrincipalInt(authentication);
            request.setUserInRole((principal, role) -> user.role().name().equals(role));
            return request;
        });
        MockVaadin.setup(UI::new, new MockSpringServlet(routes(), context, UI::new));
    }

    /** Closes the browserless UI, makes later mock requests anonymous again and logs out. */
    public void closeUi() {
        MockVaadin.tearDown();
        MockVaadin.setMockRequestFactory(FakeRequest::new);
        logOut();
    }

    private static synchronized Routes routes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("io.cvatqueue");
        }
        return routes;
    }

    // ---- demo CVAT tasks and the workflow

    /** The demo CVAT task, tracked on the demo instance (tracking it if nobody has yet). */
    public TrackedTask track(long cvatTaskId) {
        return track(cvatTaskId, "test");
    }

    /** The demo CVAT task, tracked on the demo instance (tracking it as added by {@code addedBy} if nobody has yet). */
    public TrackedTask track(long cvatTaskId, String addedBy) {
        long instanceId = instance().id();
        return trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, cvatTaskId).orElseGet(() ->
                trackedTasks.save(new TrackedTask(null, instanceId, cvatTaskId, cvat.task(cvatTaskId).name(), null,
                        addedBy, Instant.now(), null, null, null, true)));
    }

    public boolean isTracked(long cvatTaskId) {
        return trackedTasks.findByInstanceIdAndCvatTaskId(instance().id(), cvatTaskId).isPresent();
    }

    /**
     * A demo task nobody tracks yet with at least {@code atLeast} jobs completed in annotation: such a
     * task, or else the first untracked task after anna has completed that many of its jobs.
     */
    public long untrackedTaskWithCompletedJobs(int atLeast) {
        DemoCvatModel.User owner = cvat.user(DemoCvat.ADMIN);
        Map<Long, Long> completedPerTask = cvat.jobs(owner, DemoCvatModel.JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION && j.state() == JobState.COMPLETED)
                .collect(Collectors.groupingBy(DemoCvatModel.Job::taskId, Collectors.counting()));
        return completedPerTask.entrySet().stream()
                .filter(e -> e.getValue() >= atLeast && !isTracked(e.getKey()) && neverReviewed(e.getKey()))
                .map(Map.Entry::getKey).findFirst()
                .orElseGet(() -> {
                    // make room: complete jobs of an untracked task
                    long taskId = cvat.tasks(owner).stream().map(DemoCvatModel.Task::id)
                            .filter(id -> !isTracked(id) && neverReviewed(id))
                            .findFirst().orElseThrow();
                    cvat.jobs(owner, DemoCvatModel.JobFilter.task(taskId)).stream().limit(atLeast)
                            .forEach(j -> completeAsAnna(j.id()));
                    return taskId;
                });
    }

    /** No review of the task's jobs, open or ended: e.g. not a task another test tracked and then untracked. */
    private boolean neverReviewed(long cvatTaskId) {
        return reviews().findByTask(instance().id(), cvatTaskId).isEmpty();
    }

    /**
     * Every job anna completes is queued for review (no auto-assignment, no sampling), whatever earlier tests in
     * the shared context switched; the assignment policy and the SLAs per priority go back to their defaults.
     * Needs an admin acting.
     */
    public void everyJobQueued() {
        WorkflowSettingsService settings = context.getBean(WorkflowSettingsService.class);
        WorkflowSettings current = settings.get();
        settings.update(new WorkflowSettings(current.syncInterval(), false, current.maxOpenPerReviewer(), 100,
                current.reviewSla()));
    }

    /**
     * As {@link #everyJobQueued()}, with known SLAs to measure timers against: 96 h for low priority, 48 h for
     * normal, 24 h for high, 4 h for urgent. The assignment policy stays. Needs an admin acting.
     */
    public void everyJobQueuedWithKnownSlas() {
        WorkflowSettingsService settings = context.getBean(WorkflowSettingsService.class);
        WorkflowSettings current = settings.get();
        settings.update(new WorkflowSettings(current.syncInterval(), false, current.maxOpenPerReviewer(), 100,
                Duration.ofHours(48)).withTeamSettings(current.assignmentPolicy(), Duration.ofHours(96),
                Duration.ofHours(24), Duration.ofHours(4)));
    }

    /**
     * A job still being annotated (new or in progress) that has no open review, in any task: tracked or not.
     *
     * @throws IllegalStateException when the demo CVAT has none left
     */
    public DemoCvatModel.Job unfinishedJob() {
        long instanceId = instance().id();
        return cvat.jobs(cvat.user(DemoCvat.ADMIN), DemoCvatModel.JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .filter(j -> reviews().findByOpenKey(Review.openKey(instanceId, j.id())).isEmpty())
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo CVAT has no unfinished job left"));
    }

    /** The open review of a job anna has just completed, its task tracked and synced. */
    public Review queuedReview() {
        DemoCvatModel.Job job = unfinishedJob();
        track(job.taskId());
        return completedAndSynced(job);
    }

    /** Anna completes the job (of a tracked task), the task is synced: the job's open review, queued. */
    public Review completedAndSynced(DemoCvatModel.Job job) {
        long instanceId = instance().id();
        completeAsAnna(job.id());
        context.getBean(SyncService.class).syncTask(instanceId, job.taskId(), "test");
        Review review = reviews().findByOpenKey(Review.openKey(instanceId, job.id())).orElseThrow();
        assertThat(review.status()).isEqualTo(ReviewStatus.QUEUED);
        return review;
    }

    /** When the review's running SLA timer fires. */
    public Instant slaDue(Review review) {
        return management.createJobQuery().processInstanceId(review.processInstanceId()).timers().singleResult()
                .getDuedate().toInstant();
    }

    /** The review as it is now. */
    public Review reread(Review review) {
        return reviews().findById(review.id()).orElseThrow();
    }

    private ReviewRepository reviews() {
        return context.getBean(ReviewRepository.class);
    }

    /** Lets annotator anna start and complete the job in the demo CVAT; returns the completed job. */
    public DemoCvatModel.Job completeAsAnna(long jobId) {
        cvat.startJob(jobId, "anna");
        return cvat.completeJob(jobId);
    }

    /**
     * Runs the workflow's due async steps, as the job executor would (the test profile switches it off). Only
     * job-review's and process-less jobs: the sync's timer would sync every tracked task.
     */
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
}
