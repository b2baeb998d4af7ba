package io.cvatqueue.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.queue.TaskBoard;
import io.cvatqueue.queue.TaskBoard.TaskProgress;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.cvat.CvatModel.Project;
import io.cvatqueue.sync.ProjectTrackingService;
import io.cvatqueue.sync.TrackedProject;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;
import jakarta.annotation.security.PermitAll;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Overview of the current CVAT instance: how many reviews are open, queued, overdue and mine, and the tracked
 * tasks with their progress in CVAT. Admins add and remove tracked tasks here.
 */
@Route("")
@PageTitle("Dashboard | CVAT Queue Manager")
@PermitAll
public class DashboardView extends VerticalLayout {


    private final TaskBoard board;
    private final TrackedTaskService trackedTasks;
    private final QueueService queue;
    private final long instanceId;
    private final AppUser user;
    private Set<Long> trackedProjectIds = Set.of();

    final FlexLayout stats = new FlexLayout();
    final Grid<TaskProgress> tasks = new Grid<>();
    final Div cvatError = new Div();
    final Button trackTask = new Button("Track task", VaadinIcon.PLUS.create());
    final Button trackSeveral = new Button("Track several");
    final Button trackProject = new Button("Track project", VaadinIcon.FOLDER_ADD.create());
    final Button untrackSelected = new Button("Untrack selected");
    private final ProjectTrackingService projects;

    public DashboardView(CurrentUser currentUser, CurrentInstance currentInstance, TaskBoard board,
                         TrackedTaskService trackedTasks, QueueService queue, ProjectTrackingService projects) {
        this.projects = projects;
        this.board = board;
        this.trackedTasks = trackedTasks;
        this.queue = queue;
        this.user = currentUser.require();
        this.instanceId = currentInstance.id();
        addClassName("page");
        setPadding(false);

        stats.addClassName("stat-row");
        stats.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        stats.setWidthFull();

        cvatError.setId("cvat-error");
        cvatError.addClassName("error-banner");
        cvatError.setVisible(false);

        H2 heading = new H2("Tracked tasks");
        heading.addClassName("section-title");
        HorizontalLayout taskHeader = new HorizontalLayout(heading);
        taskHeader.setWidthFull();
        taskHeader.setAlignItems(FlexComponent.Alignment.BASELINE);
        taskHeader.expand(heading);
        if (user.isAdmin()) {
            trackTask.setId("track-task");
            trackTask.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            trackTask.addClickListener(click -> openTrackDialog());
            trackSeveral.setId("track-several");
            trackSeveral.addClickListener(click -> openTrackSeveralDialog());
            trackProject.setId("track-project");
            trackProject.addClickListener(click -> openTrackProjectDialog());
            untrackSelected.setId("untrack-selected");
            untrackSelected.addThemeVariants(ButtonVariant.LUMO_ERROR);
            untrackSelected.setEnabled(false);
            untrackSelected.addClickListener(click -> untrackSelected());
            taskHeader.add(trackTask, trackSeveral, trackProject, untrackSelected);
            taskHeader.addClassName("wrap");
        }

        configureGrid();
        add(new PageHeader("Dashboard"), stats, cvatError, taskHeader, tasks);
        refresh();
    }

    private void configureGrid() {
        tasks.setId("tasks");
        tasks.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        tasks.setAllRowsVisible(true);
        tasks.addColumn(p -> p.task().cvatTaskId()).setHeader("ID").setAutoWidth(true).setFlexGrow(0);
        tasks.addColumn(p -> p.task().name()).setHeader("Task").setFlexGrow(3);
        tasks.addColumn(new ComponentRenderer<>(this::progress)).setHeader("Progress in CVAT").setFlexGrow(2);
        tasks.addColumn(p -> p.task().lastSyncSummary() == null ? "never synced"
                        : p.task().lastSyncSummary() + " (" + Formats.time(p.task().lastSyncedAt()) + ")")
                .setHeader("Last sync").setFlexGrow(2).setKey("lastSync");
        if (user.isAdmin()) {
            tasks.addColumn(new ComponentRenderer<>(p -> {
                Button remove = new Button(VaadinIcon.TRASH.create(), click -> confirmUntrack(p.task()));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_ICON);
                remove.setAriaLabel("Stop tracking " + p.task().name());
                remove.setTooltipText("Stop tracking");
                remove.addClassName("untrack");
                // clicking the button must not also open the task
                remove.getElement().addEventListener("click", e -> { }).addEventData("event.stopPropagation()");
                return remove;
            })).setHeader("").setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END).setKey("untrack");
        }
        if (user.isAdmin()) {
            tasks.setSelectionMode(Grid.SelectionMode.MULTI);
            tasks.addSelectionListener(e -> untrackSelected.setEnabled(!e.getAllSelectedItems().isEmpty()));
        }
        tasks.addColumn(p -> p.task().projectId() == null ? "" : "#" + p.task().projectId()
                + (trackedProjectIds.contains(p.task().projectId()) ? " (tracked)" : "")).setHeader("Project")
                .setAutoWidth(true).setKey("project");
        tasks.addItemClickListener(click -> openTask(click.getItem().task()));
        tasks.setEmptyStateText(user.isAdmin() ? "No tracked tasks yet. Use \"Track task\" to add one from CVAT."
                : "No tracked tasks yet. An admin chooses which CVAT tasks are reviewed.");
        tasks.addClassName("clickable-rows");
        NarrowScreens.hideOnNarrow(tasks, "lastSync", "project");
    }

    private Div progress(TaskProgress p) {
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

    void refresh() {
        Map<ReviewStatus, Integer> open = queue.openCountsByStatus(instanceId);
        int mine = queue.count(new QueueFilter(instanceId, null, Set.of(ReviewStatus.ASSIGNED, ReviewStatus.IN_REVIEW),
                user.username(), false));
        int overdue = queue.overdueCount(instanceId);
        stats.removeAll();
        stats.add(new StatCard("stat-open", "Open reviews", open.values().stream().mapToInt(Integer::intValue).sum()),
                new StatCard("stat-mine", "My reviews", mine),
                new StatCard("stat-queued", "Queued, no reviewer", open.getOrDefault(ReviewStatus.QUEUED, 0)),
                new StatCard("stat-overdue", "Overdue", overdue).highlightedWhen(overdue > 0));

        trackedProjectIds = projects.list(instanceId).stream().map(TrackedProject::cvatProjectId)
                .collect(java.util.stream.Collectors.toSet());
        TaskBoard.Board current = board.trackedTasks(instanceId);
        tasks.setItems(current.tasks());
        cvatError.setVisible(current.cvatError() != null);
        cvatError.setText(current.cvatError() == null ? ""
                : "CVAT could not be read, so progress is missing: " + current.cvatError());
    }

    private void openTask(TrackedTask task) {
        UI.getCurrent().navigate("task/" + task.cvatTaskId());
    }

    private void openTrackDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Track a CVAT task");
        dialog.setId("track-dialog");
        dialog.setWidth("min(560px, 95vw)");
        List<Task> untracked;
        try {
            untracked = trackedTasks.untrackedCvatTasks(instanceId);
        } catch (CvatException e) {
            Feedback.error("Could not list the tasks in CVAT: " + e.getMessage());
            return;
        }
        ComboBox<Task> choice = new ComboBox<>("CVAT task");
        choice.setId("untracked-tasks");
        choice.setWidthFull();
        choice.setItems(untracked);
        choice.setItemLabelGenerator(t -> "#" + t.id() + " " + t.name()
                + (t.jobs() != null && t.jobs().count() != null ? " (" + t.jobs().count() + " jobs)" : ""));
        choice.setPlaceholder(untracked.isEmpty() ? "All CVAT tasks are tracked" : "Search by name or id");
        choice.setEnabled(!untracked.isEmpty());
        choice.setRequired(true);
        Paragraph hint = new Paragraph("Completed jobs of a tracked task are queued for review at each sync.");
        hint.addClassName("muted");

        Button add = new Button("Track", click -> {
            Task task = choice.getValue();
            if (task == null) {
                choice.setInvalid(true);
                choice.setErrorMessage("Choose a task");
                return;
            }
            trackedTasks.track(instanceId, task);
            dialog.close();
            Feedback.success("Now tracking \"" + task.name() + "\". Sync it on its page to queue its completed jobs.");
            refresh();
        });
        add.setId("track-confirm");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", click -> dialog.close());
        dialog.add(choice, hint);
        dialog.getFooter().add(cancel, add);
        dialog.open();
    }

    private void openTrackSeveralDialog() {
        List<Task> untracked;
        try {
            untracked = trackedTasks.untrackedCvatTasks(instanceId);
        } catch (CvatException e) {
            Feedback.error("Could not list the tasks in CVAT: " + e.getMessage());
            return;
        }
        new PickManyDialog<>("track-several-dialog", "Track CVAT tasks", "Completed jobs of tracked tasks are "
                + "queued for review at each sync.", untracked, Task::id, Task::name,
                t -> t.projectId() == null ? "" : "project #" + t.projectId(), "Track selected", chosen -> {
            List<TrackedTask> added = trackedTasks.trackAll(instanceId, chosen.stream().map(Task::id).toList());
            Feedback.success("Now tracking " + added.size() + " task(s)");
            refresh();
        }).open();
    }

    private void openTrackProjectDialog() {
        List<Project> untracked;
        try {
            untracked = projects.untrackedCvatProjects(instanceId);
        } catch (CvatException e) {
            Feedback.error("Could not list the projects in CVAT: " + e.getMessage());
            return;
        }
        new PickManyDialog<>("track-project-dialog", "Track CVAT projects", "All tasks of a tracked project are "
                + "tracked, also those created in it later (at the next sync, or at once with CVAT's create:task "
                + "webhook). Tasks can still be untracked one by one.", untracked, Project::id, Project::name,
                p -> p.taskCount() + " tasks", "Track selected", chosen -> {
            int added = 0;
            try {
                for (Project project : chosen) {
                    added += projects.track(instanceId, project.id()).newlyTracked();
                }
                Feedback.success("Now tracking " + chosen.size() + " project(s), " + added + " task(s) added");
            } catch (CvatException | java.util.NoSuchElementException e) {
                Feedback.error(e.getMessage());
            }
            refresh();
        }).open();
    }

    private void untrackSelected() {
        List<TaskProgress> selected = List.copyOf(tasks.getSelectedItems());
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("untrack-selected-dialog");
        confirm.setHeader("Stop tracking " + selected.size() + " task(s)?");
        confirm.setText("Their newly completed jobs will no longer be queued. Reviews already open stay and can be "
                + "finished. Tasks of a tracked project stay untracked when the project finds them again.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Stop tracking");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(event -> {
            int untracked = trackedTasks.untrackAll(instanceId, selected.stream().map(p -> p.task().cvatTaskId())
                    .toList());
            Feedback.success("Stopped tracking " + untracked + " task(s)");
            tasks.deselectAll();
            refresh();
        });
        confirm.open();
    }

    private void confirmUntrack(TrackedTask task) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("untrack-dialog");
        confirm.setHeader("Stop tracking \"" + task.name() + "\"?");
        confirm.setText("Its newly completed jobs will no longer be queued. Reviews already open stay and can be "
                + "finished.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Stop tracking");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(event -> {
            trackedTasks.untrack(task.id());
            Feedback.success("Stopped tracking \"" + task.name() + "\"");
            refresh();
        });
        confirm.open();
    }
}
