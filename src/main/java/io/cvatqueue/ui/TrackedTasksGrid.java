package io.cvatqueue.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.cvatqueue.queue.TaskBoard.TaskProgress;
import io.cvatqueue.sync.ProjectTrackingService.ProjectName;
import io.cvatqueue.sync.TrackedTask;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dashboard's tracked tasks: progress in CVAT, last sync, project; a click opens the task. For admins, rows
 * can be selected and each row ends with its Untrack button.
 */
class TrackedTasksGrid extends Grid<TaskProgress> {

    private Map<Long, ProjectName> projects = Map.of();

    /** @param untrack null for users who may not untrack (no selection, no Untrack column) */
    TrackedTasksGrid(Consumer<TrackedTask> untrack) {
        setId("tasks");
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setAllRowsVisible(true);
        addColumn(p -> p.task().cvatTaskId()).setHeader("ID").setAutoWidth(true).setFlexGrow(0);
        addColumn(p -> p.task().name()).setHeader("Task").setFlexGrow(3);
        addColumn(new ComponentRenderer<>(TrackedTasksGrid::progress)).setHeader("Progress in CVAT").setFlexGrow(2);
        addColumn(p -> p.task().lastSyncSummary() == null ? "never synced"
                        : p.task().lastSyncSummary() + " (" + Formats.time(p.task().lastSyncedAt()) + ")")
                .setHeader("Last sync").setFlexGrow(2).setKey("lastSync");
        addColumn(new ComponentRenderer<>(this::project)).setHeader("Project").setAutoWidth(true).setKey("project");
        if (untrack != null) {
            setSelectionMode(SelectionMode.MULTI);
            addColumn(new ComponentRenderer<>(p -> untrackButton(p.task(), untrack))).setHeader("")
                    .setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END).setKey("untrack");
        }
        addItemClickListener(click -> UI.getCurrent().navigate("task/" + click.getItem().task().cvatTaskId()));
        setEmptyStateText(untrack != null ? "No tracked tasks yet. Use \"Track task\" to add one from CVAT."
                : "No tracked tasks yet. An admin chooses which CVAT tasks are reviewed.");
        addClassName("clickable-rows");
        NarrowScreens.hideOnNarrow(this, "lastSync", "project");
    }

    /** @param projectNames the names of the rows' CVAT projects, by id; a missing one shows as its id */
    void show(List<TaskProgress> rows, Map<Long, ProjectName> projectNames) {
        projects = projectNames;
        setItems(rows);
    }

    private Span project(TaskProgress p) {
        Long id = p.task().projectId();
        Span cell = new Span();
        if (id == null) {
            return cell;
        }
        ProjectName project = projects.get(id);
        cell.setText(project == null ? "#" + id : project.name());
        if (project != null && project.tracked()) {
            Span tracked = new Span("tracked");
            tracked.getElement().getThemeList().add("badge contrast small");
            tracked.getElement().setAttribute("title", "The whole project is tracked, tasks created in it later too");
            tracked.getStyle().set("margin-inline-start", "var(--lumo-space-xs)");
            cell.add(tracked);
        }
        return cell;
    }

    private static Button untrackButton(TrackedTask task, Consumer<TrackedTask> untrack) {
        Button remove = new Button(VaadinIcon.TRASH.create(), click -> untrack.accept(task));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_ICON);
        remove.setAriaLabel("Stop tracking " + task.name());
        remove.setTooltipText("Stop tracking");
        remove.addClassName("untrack");
        // clicking the button must not also open the task
        remove.getElement().addEventListener("click", e -> { }).addEventData("event.stopPropagation()");
        return remove;
    }

    private static Div progress(TaskProgress p) {
        Div cell = new Div();
        cell.addClassName("progress-cell");
        if (p.goneFromCvat()) {
            cell.setText("not found in CVAT");
            cell.addClassName("muted");
            return cell;
        }
        if (p.jobs() == null) {
            cell.setText("—");
            cell.addClassName("muted");
            return cell;
        }
        ProgressBar bar = new ProgressBar(0, 1, p.completedShare());
        bar.getElement().setAttribute("aria-label", "Accepted jobs");
        // CVAT's "completed" are accepted jobs; jobs the annotators finished are waiting for review here
        Span text = new Span(p.completedJobs() + " of " + p.jobCount() + " jobs accepted"
                + (p.awaitingReview() > 0 ? " · " + p.awaitingReview() + " annotated, awaiting review" : "")
                + (p.inValidation() > 0 ? " · " + p.inValidation() + " in review" : ""));
        text.addClassName("progress-text");
        cell.add(bar, text);
        return cell;
    }
}
