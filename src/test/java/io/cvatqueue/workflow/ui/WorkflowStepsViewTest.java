package io.cvatqueue.workflow.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.AuditEntry;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.workflow.Diagrams;
import io.cvatqueue.workflow.StepTask;
import io.cvatqueue.workflow.WorkflowAppTest;
import io.cvatqueue.workflow.WorkflowDeploymentService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.math.BigDecimal;
import java.time.LocalDate;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** A step an admin added shows up for its assignee with a generated form and completes from it. */
@WorkflowAppTest
class WorkflowStepsViewTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    WorkflowDeploymentService deployments;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    SyncService sync;

    DemoWorld world;
    AppUser admin;
    AppUser ravi;

    @BeforeEach
    void accounts() {
        world = new DemoWorld(context);
        admin = world.account("steps-admin", Role.ADMIN, DemoCvat.ADMIN);
        ravi = world.account("steps-ravi", Role.REVIEWER, "ravi");
    }

    @AfterEach
    void closeUi() {
        world.closeUi();
    }

    @Test
    void reviewerCompletesTheAddedSecondOpinionStepFromItsGeneratedForm() {
        Review review = approvedReviewWaitingForSecondOpinion();
        world.openUiAs(ravi);
        UI.getCurrent().navigate(WorkflowStepsView.class);
        WorkflowStepsView view = _get(WorkflowStepsView.class);
        StepTask task = GridKt._findAll(view.grid).stream().filter(t -> review.businessKey().equals(t.businessKey()))
                .findFirst().orElseThrow();

        view.grid.select(task);
        view.form.<String>input("opinion").setValue("Fine by me");
        view.form.<BigDecimal>input("score").setValue(BigDecimal.valueOf(5));
        view.form.<String>input("verdict").setValue("keep");
        view.form.<LocalDate>input("checkedOn").setValue(LocalDate.of(2026, 11, 30));
        _click(view.complete);

        assertThat(GridKt._findAll(view.grid)).noneMatch(t -> t.taskId().equals(task.taskId()));
        world.actAs(admin);
        assertThat(reviewService.auditTrail(review.id())).filteredOn(e -> e.action().equals("STEP_COMPLETED"))
                .singleElement().extracting(AuditEntry::note).asString()
                .contains("opinion = Fine by me").contains("score = 5").contains("agree = true");
    }

    /** The example: a second opinion only for jobs of one chosen CVAT task. */
    private Review approvedReviewWaitingForSecondOpinion() {
        world.actAs(admin);
        CvatInstance instance = world.instance();
        long taskId = world.untrackedTaskWithCompletedJobs(1);
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinionForTask(taskId),
                "Second opinion for task " + taskId);
        world.track(taskId);
        sync.syncTask(instance.id(), taskId, "test");
        Review review = reviews.findOpenByTask(instance.id(), taskId).get(0);
        reviewService.assign(review.id(), ravi.username());
        world.actAs(ravi);
        reviewService.startReview(review.id());
        world.runDueJobs();
        reviewService.approve(review.id(), "good");
        world.logOut();
        return review;
    }
}
