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

    final FlexLayout stats = new FlexLayout();
    final Grid<TaskProgress> tasks = new Grid<>();
    final Div cvatError = new Div();
    final Button trackTask = new Button("Track task", VaadinIcon.PLUS.create());

    public DashboardView(CurrentUser currentUser, CurrentInstance currentInstance, TaskBoard board,
                         TrackedTaskService trackedTasks, QueueService queue) {
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
            taskHeader.add(trackTask);
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
        tasks.addItemClickListener(click -> openTask(click.getItem().task()));
        tasks.setEmptyStateText(user.isAdmin() ? "No tracked tasks yet. Use \"Track task\" to add one from CVAT."
                : "No tracked tasks yet. An admin chooses which CVAT tasks are reviewed.");
        tasks.addClassName("clickable-rows");
        NarrowScreens.hideOnNarrow(tasks, "lastSync");
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
