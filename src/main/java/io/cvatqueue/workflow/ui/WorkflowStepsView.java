package io.cvatqueue.workflow.ui;

import io.cvatqueue.ui.PageHeader;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.workflow.StepTask;
import io.cvatqueue.workflow.WorkflowStepService;
import jakarta.annotation.security.PermitAll;

import java.util.List;

/**
 * Steps an admin added to the workflow that wait for me: pick one, fill in the form generated from its fields,
 * complete it. The app's own review tasks stay on "My reviews".
 */
@Route("steps")
@PageTitle("Workflow steps | CVAT Queue Manager")
@PermitAll
public class WorkflowStepsView extends Div {

    private final WorkflowStepService steps;

    final Grid<StepTask> grid = new Grid<>();
    final Div formPanel = new Div();
    StepForm form;
    final Button complete = new Button("Complete", VaadinIcon.CHECK.create());

    public WorkflowStepsView(WorkflowStepService steps) {
        this.steps = steps;
        addClassName("page");

        grid.setId("steps");
        grid.addColumn(StepTask::name).setHeader("Step").setKey("name").setFlexGrow(1);
        grid.addColumn(t -> t.cvatJobId() == null ? "" : "Job " + t.cvatJobId()).setHeader("Job").setKey("job")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> Formats.time(t.created())).setHeader("Waiting since").setKey("created")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(event -> show(event.getValue()));

        complete.setId("complete-step");
        complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        complete.addClickListener(click -> completeSelected());

        formPanel.setId("step-form-panel");
        formPanel.addClassName("step-form-panel");

        Paragraph intro = new Paragraph("Steps that admins added to the workflow and that wait for you. The "
                + "review itself stays under My reviews.");
        intro.addClassName("admin-intro");
        add(new PageHeader("Workflow steps"), intro, grid, formPanel);
        refresh();
    }

    private void refresh() {
        List<StepTask> mine = steps.myTasks();
        grid.setItems(mine);
        show(null);
    }

    private void show(StepTask task) {
        formPanel.removeAll();
        form = null;
        if (task == null) {
            formPanel.add(new Paragraph(grid.getListDataView().getItemCount() == 0 ? "Nothing waits for you."
                    : "Pick a step to fill in its form."));
            return;
        }
        form = new StepForm(steps.task(task.taskId()));
        formPanel.add(new H3(task.name() + (task.cvatJobId() == null ? "" : " · job " + task.cvatJobId())), form,
                complete);
    }

    private void completeSelected() {
        StepTask task = grid.asSingleSelect().getValue();
        if (task == null || form == null) {
            return;
        }
        try {
            steps.complete(task.taskId(), form.values());
            Feedback.success(task.name() + " completed");
            refresh();
        } catch (RuntimeException e) {
            Feedback.error(Feedback.describe(e));
        }
    }
}
