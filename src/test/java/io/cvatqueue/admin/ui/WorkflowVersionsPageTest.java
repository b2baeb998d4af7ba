package io.cvatqueue.admin.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatModel;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewIntake;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.workflow.Diagrams;
import io.cvatqueue.workflow.ElementChange;
import io.cvatqueue.workflow.WorkflowAppTest;
import io.cvatqueue.workflow.WorkflowDeploymentService;
import io.cvatqueue.workflow.WorkflowProblem;
import io.cvatqueue.workflow.WorkflowVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin > Workflow: versions, deploying a diagram, comparing, rolling back and migrating from the page. */
@WorkflowAppTest
class WorkflowVersionsPageTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    WorkflowDeploymentService deployments;
    @Autowired
    ReviewIntake intake;

    DemoWorld world;
    AppUser admin;

    @BeforeEach
    void adminOnTheWorkflowPage() {
        world = new DemoWorld(context);
        admin = world.account("page-admin", Role.ADMIN, DemoCvat.ADMIN);
        world.openUiAs(admin);
    }

    @AfterEach
    void closeUi() {
        world.closeUi();
    }

    @Test
    void versionsListTheNewestFirstWithWhoAndComment() {
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withRenamedStep("Listed on the page"), "Page list");
        WorkflowView view = open();

        List<WorkflowVersion> rows = GridKt._findAll(view.versions.versions);

        assertThat(rows.get(0).comment()).isEqualTo("Page list");
        assertThat(rows.get(0).deployedBy()).isEqualTo(admin.username());
        assertThat(GridKt._getFormatted(view.versions.versions, 0, "comment")).contains("Page list");
        assertThat(view.diagram.getDiagram()).contains("Listed on the page");
    }

    @Test
    void aDiagramDeployedFromThePageBecomesTheShownNewestVersion() {
        WorkflowView view = open();
        view.deploy.setXml("job-review.bpmn", Diagrams.withRenamedStep("Deployed from the page"));
        view.deploy.comment.setValue("From the page");

        _click(view.deploy.deploy);

        assertThat(view.diagram.getDiagram()).contains("Deployed from the page");
        assertThat(GridKt._get(view.versions.versions, 0).comment()).isEqualTo("From the page");
        assertThat(view.deploy.problems.isVisible()).isFalse();
    }

    @Test
    void aRefusedDiagramShowsItsProblemsPerElementAndDeploysNothing() {
        WorkflowView view = open();
        int versionsBefore = GridKt._size(view.versions.versions);
        view.deploy.setXml("job-review.bpmn", Diagrams.withUnknownDelegate());
        view.deploy.comment.setValue("Broken");

        _click(view.deploy.deploy);

        assertThat(view.deploy.problems.isVisible()).isTrue();
        assertThat(GridKt._findAll(view.deploy.problems)).extracting(WorkflowProblem::elementId)
                .contains("Task_MarkOverdue");
        assertThat(GridKt._size(view.versions.versions)).isEqualTo(versionsBefore);
    }

    @Test
    void comparingTwoVersionsListsTheChangedElements() {
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Before");
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinion(), "After");
        WorkflowView view = open();

        _click(view.versions.compare);

        assertThat(GridKt._findAll(view.versions.changes)).extracting(ElementChange::elementId)
                .contains("Task_SecondOpinion", "Flow_ToApproveInCvat", "Flow_Approved");
        // the later version is shown, its added and changed elements marked
        assertThat(view.diagram.getDiagram()).contains("Task_SecondOpinion");
        assertThat(view.diagram.getChanges()).extracting(ElementChange::elementId).contains("Task_SecondOpinion");
        assertThat(view.diagram.getElement().getProperty("changes")).contains("\"kind\":\"ADDED\"");
    }

    @Test
    void rollingBackDeploysTheOldDiagramAsNewest() {
        WorkflowVersion old = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withRenamedStep("Old name"), "Old");
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withRenamedStep("New name"), "New");
        WorkflowView view = open();

        view.versions.rollback(old);

        assertThat(view.diagram.getDiagram()).contains("Old name");
        assertThat(GridKt._get(view.versions.versions, 0).comment()).isEqualTo("Rollback to version " + old.version());
    }

    @Test
    void migratingFromThePageShowsThePreviewAndTheBatchProgress() {
        WorkflowVersion source = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Source");
        Review queued = intake.open(world.instance().id(), new CvatModel.Job(7_900_001L, 990_001L, null, null,
                CvatModel.JobStage.ANNOTATION, CvatModel.JobState.COMPLETED, "annotation", 10, 0, 9, null, null, null,
                null, null), "test");
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinion(), "Target");
        WorkflowView view = open();
        WorkflowVersion row = GridKt._findAll(view.versions.versions).stream()
                .filter(v -> v.definitionId().equals(source.definitionId())).findFirst().orElseThrow();
        MigrationDialog dialog = new MigrationDialog(context.getBean(io.cvatqueue.workflow.WorkflowMigrationService.class),
                row, () -> { });
        dialog.open();

        assertThat(GridKt._findAll(dialog.activities)).anyMatch(a -> a.activityId().equals(ReviewVariables.TASK_ASSIGN_REVIEWER)
                && a.mapped());
        assertThat(dialog.start.isEnabled()).isTrue();
        _click(dialog.start);
        world.runDueJobs();
        dialog.showProgress();

        assertThat(dialog.progressText.getText()).contains("migrated").contains("done");
        assertThat(context.getBean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery()
                .processInstanceId(queued.processInstanceId()).singleResult().getProcessDefinitionId())
                .isNotEqualTo(source.definitionId());
    }

    private WorkflowView open() {
        UI.getCurrent().navigate(WorkflowView.class);
        return _get(WorkflowView.class);
    }
}
