package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.queue.TaskBoard;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.sync.ProjectTrackingService;
import io.cvatqueue.sync.TrackedTaskService;
import jakarta.annotation.security.PermitAll;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Overview of the current CVAT instance: how many reviews are open, queued, overdue and mine, and the tracked
 * tasks with their progress in CVAT. Admins add and remove tracked tasks here.
 */
@Route("")
@PageTitle("Dashboard | CVAT Queue Manager")
@PermitAll
public class DashboardView extends VerticalLayout {

    private final TaskBoard board;
    private final QueueService queue;
    private final ProjectTrackingService projects;
    private final long instanceId;
    private final AppUser user;

    final FlexLayout stats = new FlexLayout();
    final TrackedTasksGrid tasks;
    final Div cvatError = new Div();
    final Button trackTask = new Button("Track task", VaadinIcon.PLUS.create());
    final Button trackSeveral = new Button("Track several");
    final Button trackProject = new Button("Track project", VaadinIcon.FOLDER_ADD.create());
    final Button untrackSelected = new Button("Untrack selected");

    public DashboardView(CurrentUser currentUser, CurrentInstance currentInstance, TaskBoard board,
                         TrackedTaskService trackedTasks, QueueService queue, ProjectTrackingService projects) {
        this.board = board;
        this.queue = queue;
        this.projects = projects;
        this.user = currentUser.require();
        this.instanceId = currentInstance.id();
        TaskTrackingDialogs tracking = new TaskTrackingDialogs(trackedTasks, projects, instanceId, this::refresh);
        tasks = new TrackedTasksGrid(user.isAdmin() ? tracking::untrack : null);
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
            trackTask.addClickListener(click -> tracking.trackOne());
            trackSeveral.setId("track-several");
            trackSeveral.addClickListener(click -> tracking.trackSeveral());
            trackProject.setId("track-project");
            trackProject.addClickListener(click -> tracking.trackProjects());
            untrackSelected.setId("untrack-selected");
            untrackSelected.addThemeVariants(ButtonVariant.LUMO_ERROR);
            untrackSelected.setEnabled(false);
            untrackSelected.addClickListener(click -> tracking.untrackSelected(tasks));
            tasks.addSelectionListener(e -> untrackSelected.setEnabled(!e.getAllSelectedItems().isEmpty()));
            taskHeader.add(trackTask, trackSeveral, trackProject, untrackSelected);
            taskHeader.addClassName("wrap");
        }

        add(new PageHeader("Dashboard"), stats, cvatError, taskHeader, tasks);
        refresh();
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
        Set<Long> projectIds = current.tasks().stream().map(p -> p.task().projectId()).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        // when CVAT could not be read just now, only the stored names of tracked projects are shown
        tasks.show(current.tasks(), projects.names(instanceId, current.cvatError() == null ? projectIds : Set.of()));
        cvatError.setVisible(current.cvatError() != null);
        cvatError.setText(current.cvatError() == null ? ""
                : "CVAT could not be read, so progress is missing: " + current.cvatError());
    }
}
