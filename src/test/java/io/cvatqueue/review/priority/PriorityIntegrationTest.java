package io.cvatqueue.review.priority;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.settings.Priority;
import org.camunda.bpm.engine.RuntimeService;
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
    ReviewService reviewService;
    @Autowired
    DemoCvat cvat;
    @Autowired
    RuntimeService runtime;
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
        world.everyJobQueuedWithKnownSlas();
    }

    @AfterEach
    void logout() {
        world.logOut();
    }

    @Test
    void jobWinsOverTaskWhichWinsOverProject() {
        Review review = world.queuedReview();
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
        DemoCvatModel.Job job = world.unfinishedJob();
        world.track(job.taskId());
        priorities.set(instance.id(), PriorityScope.TASK, job.taskId(), Priority.URGENT);
        Review review = world.completedAndSynced(job);
        assertThat(review.priorityLevel()).isEqualTo(Priority.URGENT);
        assertThat(runtime.getVariable(review.processInstanceId(), ReviewVariables.PRIORITY)).isEqualTo("URGENT");

        Instant assigned = Instant.now();
        reviewService.assign(review.id(), rita.username());

        assertThat(world.slaDue(review)).isBetween(assigned.plus(Duration.ofHours(4)).minusSeconds(5),
                assigned.plus(Duration.ofHours(4)).plusSeconds(60));
        priorities.set(instance.id(), PriorityScope.TASK, job.taskId(), null);
    }

    @Test
    void raisingThePriorityOfAnAssignedReviewShortensItsRunningSlaTimer() {
        Review review = world.queuedReview();
        Instant assigned = Instant.now();
        reviewService.assign(review.id(), rita.username());
        assertThat(world.slaDue(review)).isAfter(assigned.plus(Duration.ofHours(47)));

        priorities.setForReviews(java.util.List.of(review.id()), Priority.URGENT);

        assertThat(priorityOf(review)).isEqualTo(Priority.URGENT);
        assertThat(world.slaDue(review)).isBetween(assigned.plus(Duration.ofHours(4)).minusSeconds(5),
                assigned.plus(Duration.ofHours(4)).plusSeconds(60));
    }

    @Test
    void onlyAdminsSetPriorities() {
        world.actAs(rita);
        assertThatThrownBy(() -> priorities.set(instance.id(), PriorityScope.TASK, 1, Priority.HIGH))
                .isInstanceOf(AccessDeniedException.class);
    }

    private Priority priorityOf(Review review) {
        return world.reread(review).priorityLevel();
    }
}
