package io.cvatqueue.admin.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;
import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.workflow.Diagrams;
import io.cvatqueue.workflow.WorkflowAppTest;
import io.cvatqueue.workflow.WorkflowDeploymentService;
import io.cvatqueue.workflow.WorkflowProblem;
import io.cvatqueue.workflow.WorkflowVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin > Workflow > Edit, server side: what the in-app modeler opens, and what validating and deploying the
 * diagram it hands back does. The browser side (palette, properties panel) is covered by WorkflowModelerIT.
 */
@WorkflowAppTest
class WorkflowEditorViewTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    WorkflowDeploymentService deployments;

    DemoWorld world;

    @BeforeEach
    void adminInTheEditor() {
        world = new DemoWorld(context);
        AppUser admin = world.account("editor-admin", Role.ADMIN, DemoCvat.ADMIN);
        world.openUiAs(admin);
    }

    @AfterEach
    void closeUi() {
        world.closeUi();
    }

    @Test
    void opensTheNewestVersionWithTheAppsElementTemplates() {
        WorkflowVersion newest = deployments.deploy(ReviewVariables.PROCESS_KEY,
                Diagrams.withRenamedStep("Newest for the editor"), "Editor source");

        WorkflowEditorView editor = open();

        assertThat(editor.modeler.getDiagram()).contains("Newest for the editor");
        assertThat(editor.modeler.getElement().getProperty("templates")).contains("io.cvatqueue.markJobInReview");
        assertThat(editor.opened.getText()).contains("version " + newest.version()).contains("Editor source");
    }

    @Test
    void validatingShowsTheProblemsPerElementWithoutDeploying() {
        WorkflowEditorView editor = open();
        int before = deployments.versions(ReviewVariables.PROCESS_KEY).size();

        editor.showValidation(Diagrams.withUnknownDelegate());

        assertThat(editor.problems.isVisible()).isTrue();
        assertThat(GridKt._findAll(editor.problems)).extracting(WorkflowProblem::elementId).contains("Task_MarkOverdue");
        assertThat(deployments.versions(ReviewVariables.PROCESS_KEY)).hasSize(before);
    }

    @Test
    void deployingTheEditedDiagramAddsAVersionAndReturnsToTheWorkflowPage() {
        WorkflowEditorView editor = open();
        editor.comment.setValue("Edited in the browser");

        editor.deploy(Diagrams.withSecondOpinion());

        assertThat(deployments.latest(ReviewVariables.PROCESS_KEY).comment()).isEqualTo("Edited in the browser");
        WorkflowView page = _get(WorkflowView.class);
        assertThat(page.diagram.getDiagram()).contains("Task_SecondOpinion");
    }

    private WorkflowEditorView open() {
        UI.getCurrent().navigate(WorkflowEditorView.class, new RouteParameters("process", ReviewVariables.PROCESS_KEY));
        return _get(WorkflowEditorView.class);
    }
}
