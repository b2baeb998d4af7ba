package io.cvatqueue.review.priority;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import io.cvatqueue.sync.SyncService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Priorities on projects, tasks and jobs reach the open reviews at once: queue position, process variable and the
 * running SLA timer, whose duration comes from the per-priority setting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"app.demo.simulate=false"})
@ActiveProfiles({"test", "demo"})
class PriorityIntegrationTest {

    @Autowired
    PriorityService priorities;
    @Autowired
    SyncService sync;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    DemoCvat cvat;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    WorkflowSettingsService settings;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    DemoWorld world;
    CvatInstance instance;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void demoInstanceWithAnAdminAndAReviewer() {
        world = new DemoWorld(context);
        instance = world.instance();
        admin = world.account("prio-admin", Role.ADMIN, "demo-admin");
        rita = world.account("prio-rita", Role.REVIEWER, "rita");
        world.actAs(admin);
        WorkflowSettings current = settings.get();
        settings.update(new WorkflowSettings(current.syncInterval(), false, current.maxOpenPerReviewer(), 100,
                Duration.ofHours(48)).withTeamSettings(current.assignmentPolicy(), Duration.ofHours(96),
                Duration.ofHours(24), Duration.ofHours(4)));
    }

    @AfterEach
    void logout() {
        world.logOut();
    }

    @Test
    void jobWinsOverTaskWhichWinsOverProject() {
        Review review = queuedReview();
        long projectId = cvat.task(review.cvatTaskId()).projectId();
        jdbc.update("update tracked_task set project_id = ? where instance_id = ? and cvat_task_id = ?", projectId,
                instance.id(), review.cvatTaskId());
        assertThat(priorityOf(review)).isEqualTo(Priority.NORMAL);

        priorities.set(instance.id(), PriorityScope.PROJECT, projectId, Priority.HIGH);
        assertThat(priorityOf(review)).isEqualTo(Priority.HIGH);

        priorities.set(instance.id(), PriorityScope.TASK, review.cvatTaskId(), Priority.LOW);
        assertThat(priorityOf(review)).isEqualTo(Priority.LOW);

        priorities.set(instance.id(), PriorityScope.JOB, review.cvatJobId(), Priority.URGENT);
        assertThat(priorityOf(review)).isEqualTo(Priority.URGENT);
        assertThat(runtime.getVariable(review.processInstanceId(), ReviewVariables.PRIORITY)).isEqualTo("URGENT");

        priorities.set(instance.id(), PriorityScope.JOB, review.cvatJobId(), null);
        priorities.set(instance.id(), PriorityScope.TASK, review.cvatTaskId(), null);
        assertThat(priorityOf(review)).isEqualTo(Priority.HIGH);
        priorities.set(instance.id(), PriorityScope.PROJECT, projectId, null);
    }

    @Test
    void aJobCompletedInAnUrgentTaskIsQueuedUrgentAndGetsTheUrgentSla() {
        DemoCvatModel.Job job = unfinishedJob();
        world.track(job.taskId());
        priorities.set(instance.id(), PriorityScope.TASK, job.taskId(), Priority.URGENT);
        Review review = complete(job);
        assertThat(review.priorityLevel()).isEqualTo(Priority.URGENT);
        assertThat(runtime.getVariable(review.processInstanceId(), ReviewVariables.PRIORITY)).isEqualTo("URGENT");

        Instant assigned = Instant.now();
        reviewService.assign(review.id(), rita.username());

        assertThat(slaDue(review)).isBetween(assigned.plus(Duration.ofHours(4)).minusSeconds(5),
                assigned.plus(Duration.ofHours(4)).plusSeconds(60));
        priorities.set(instance.id(), PriorityScope.TASK, job.taskId(), null);
    }

    @Test
    void raisingThePriorityOfAnAssignedReviewShortensItsRunningSlaTimer() {
        Review review = queuedReview();
        Instant assigned = Instant.now();
        reviewService.assign(review.id(), rita.username());
        assertThat(slaDue(review)).isAfter(assigned.plus(Duration.ofHours(47)));

        priorities.setForReviews(java.util.List.of(review.id()), Priority.URGENT);

        assertThat(priorityOf(review)).isEqualTo(Priority.URGENT);
        assertThat(slaDue(review)).isBetween(assigned.plus(Duration.ofHours(4)).minusSeconds(5),
                assigned.plus(Duration.ofHours(4)).plusSeconds(60));
    }

    @Test
    void onlyAdminsSetPriorities() {
        world.actAs(rita);
        assertThatThrownBy(() -> priorities.set(instance.id(), PriorityScope.TASK, 1, Priority.HIGH))
                .isInstanceOf(AccessDeniedException.class);
    }

    private Instant slaDue(Review review) {
        Job timer = management.createJobQuery().processInstanceId(review.processInstanceId()).timers()
                .singleResult();
        return timer.getDuedate().toInstant();
    }

    private Priority priorityOf(Review review) {
        return reviews.findById(review.id()).orElseThrow().priorityLevel();
    }

    private Review queuedReview() {
        DemoCvatModel.Job job = unfinishedJob();
        world.track(job.taskId());
        return complete(job);
    }

    private Review complete(DemoCvatModel.Job job) {
        world.completeAsAnna(job.id());
        sync.syncTask(instance.id(), job.taskId(), "test");
        return reviews.findByOpenKey(Review.openKey(instance.id(), job.id())).orElseThrow();
    }

    private DemoCvatModel.Job unfinishedJob() {
        DemoCvatModel.User owner = cvat.user(DemoCvat.ADMIN);
        return cvat.jobs(owner, DemoCvatModel.JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .filter(j -> reviews.findByOpenKey(Review.openKey(instance.id(), j.id())).isEmpty())
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo CVAT has no unfinished job left"));
    }
}
