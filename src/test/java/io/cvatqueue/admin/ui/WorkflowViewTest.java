package io.cvatqueue.admin.ui;


import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.admin.WorkflowOverviewService.DeployedProcess;
import io.cvatqueue.admin.WorkflowOverviewService.StepCount;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.Review;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin > Workflow: the deployed diagram with live counts per step. */
class WorkflowViewTest extends AdminUiTest {

    @Autowired
    WorkflowSettingsService settings;

    AppUser admin;

    @BeforeEach
    void adminOnTheWorkflowPage() {
        admin = account("workflow-admin", Role.ADMIN, DemoCvat.ADMIN);
        login(admin);
        settings.update(DEFAULTS);
        UI.getCurrent().navigate(WorkflowView.class);
    }

    @Test
    void showsTheDeployedJobReviewDiagramWithVersionAndCockpitLink() {
        BpmnViewer diagram = _get(BpmnViewer.class);
        DeployedProcess shown = processSelect().getValue();

        assertThat(shown.key()).isEqualTo("job-review");
        assertThat(diagram.getDiagram()).contains("id=\"Task_Review\"").contains("<bpmndi:BPMNDiagram");
        assertThat(diagram.getElement().getProperty("xml")).isEqualTo(diagram.getDiagram());
        assertThat(_get(Span.class, spec -> spec.withId("deployment")).getText())
                .startsWith("Version " + shown.version() + " of ").contains("deployed ");
        Anchor cockpit = _get(Anchor.class, spec -> spec.withId("cockpit-link"));
        assertThat(cockpit.getHref()).isEqualTo("/camunda/app/cockpit/default/#/process-definition/"
                + shown.definitionId() + "/runtime");
        assertThat(cockpit.getTarget()).hasValue("_blank");
    }

    @Test
    void refreshShowsReviewsWaitingForAnAdminInTableAndOnTheDiagram() {
        int before = waitingInTable("Task_AssignReviewer");
        List<Review> queued = new ReviewFixture(context).queueReviews(demoInstance());

        _click(_get(Button.class, spec -> spec.withId("refresh-counts")));

        assertThat(waitingInTable("Task_AssignReviewer")).isEqualTo(before + queued.size());
        assertThat(_get(BpmnViewer.class).getCounts()).filteredOn(s -> s.activityId().equals("Task_AssignReviewer"))
                .singleElement().extracting(StepCount::waiting).isEqualTo(before + queued.size());
        // only busy steps travel to the browser as badges
        assertThat(_get(BpmnViewer.class).getElement().getProperty("counts"))
                .contains("\"activityId\":\"Task_AssignReviewer\"").doesNotContain("Task_AcceptWithoutReview");
    }

    @Test
    void syncProcessCanBeChosen() {
        Select<DeployedProcess> select = processSelect();
        DeployedProcess syncProcess = select.getListDataView().getItems().filter(p -> p.key().equals("cvat-sync"))
                .findFirst().orElseThrow();

        _setValue(select, syncProcess);

        assertThat(_get(BpmnViewer.class).getDiagram()).contains("id=\"Task_SyncTrackedTasks\"");
        assertThat(GridKt._findAll(stepGrid()).stream().map(StepCount::activityId).toList())
                .containsExactly("Task_SyncTrackedTasks");
        assertThat(_get(Span.class, spec -> spec.withId("deployment")).getText()).contains("next start by timer");
    }

    private int waitingInTable(String activityId) {
        Grid<StepCount> grid = stepGrid();
        List<StepCount> rows = GridKt._findAll(grid);
        int row = rows.stream().map(StepCount::activityId).toList().indexOf(activityId);
        return Integer.parseInt(GridKt._getFormatted(grid, row, "waiting"));
    }

    private static Grid<StepCount> stepGrid() {
        @SuppressWarnings("unchecked")
        Grid<StepCount> grid = _get(Grid.class, spec -> spec.withId("step-counts"));
        return grid;
    }

    @SuppressWarnings("unchecked")
    private static Select<DeployedProcess> processSelect() {
        return _get(Select.class, spec -> spec.withId("process"));
    }
}
