package io.cvatqueue.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.queue.TaskBoard;
import io.cvatqueue.queue.TaskBoard.JobReview;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.sync.BackgroundSync;
import io.cvatqueue.sync.BackgroundSync.ListedSync;
import io.cvatqueue.sync.SyncResult;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;
import jakarta.annotation.security.PermitAll;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One tracked task: its jobs as CVAT reports them, next to their reviews, and a sync on demand. The sync runs
 * in the background and reports back through server push, so the page stays usable while CVAT is read.
 */
@Route("task/:taskId")
@PermitAll
public class TaskDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TrackedTaskService trackedTasks;
    private final TaskBoard board;
    private final BackgroundSync backgroundSync;
    private final AppUser user;
    private final long instanceId;
    /** Read once: job links are built for every row. */
    private final String cvatBaseUrl;

    private TrackedTask task;
    final H2 title = new H2();
    final Paragraph lastSync = new Paragraph();
    final Div cvatError = new Div();
    final Button sync = new Button("Sync completed jobs", VaadinIcon.REFRESH.create());
    final ProgressBar syncing = new ProgressBar();
    final Span syncSummary = new Span();
    final Grid<JobReview> jobs = new Grid<>();
    final TaskPriorityPanel priority;
    /** The sync this page is waiting for, done once its outcome is queued for the UI; tests wait for it. */
    CompletableFuture<ListedSync> runningSync;

    public TaskDetailView(CurrentUser currentUser, CurrentInstance currentInstance, TrackedTaskService trackedTasks,
                          TaskBoard board, BackgroundSync backgroundSync, CvatInstanceService instances,
                          PriorityService priorities) {
        this.trackedTasks = trackedTasks;
        this.board = board;
        this.backgroundSync = backgroundSync;
        this.user = currentUser.require();
        this.instanceId = currentInstance.id();
        this.cvatBaseUrl = instances.get(instanceId).baseUrl();
        this.priority = new TaskPriorityPanel(priorities, user.isAdmin());
        addClassName("page");
        setPadding(false);

        title.addClassName("page-title");
        lastSync.addClassName("muted");
        lastSync.setId("last-sync");
        cvatError.setId("cvat-error");
        cvatError.addClassName("error-banner");
        cvatError.setVisible(false);

        sync.setId("sync");
        sync.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        sync.setDisableOnClick(true);
        sync.addClickListener(click -> startSync());
        syncing.setIndeterminate(true);
        syncing.setVisible(false);
        syncing.setWidth("8em");
        syncing.getElement().setAttribute("aria-label", "Sync running");
        syncSummary.setId("sync-summary");
        HorizontalLayout actions = new HorizontalLayout(sync, syncing, syncSummary);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.addClassName("wrap");

        Anchor back = new Anchor("", "← Dashboard");
        back.addClassName("back-link");
        configureGrid();
        add(back, title, lastSync, actions, priority, cvatError, jobs);
        setHeightFull();
        setFlexGrow(1, jobs);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Long taskId = event.getRouteParameters().getLong("taskId").orElse(null);
        task = taskId == null ? null : trackedTasks.find(instanceId, taskId).orElse(null);
        if (task == null) {
            title.setText("Task not tracked");
            lastSync.setText("Task " + event.getRouteParameters().get("taskId").orElse("?")
                    + " is not tracked on this CVAT instance.");
            sync.setVisible(false);
            jobs.setVisible(false);
            priority.setVisible(false);
            return;
        }
        title.setText(task.name());
        priority.show(task);
        showLastSync();
        // a sync started from another tab is still running: wait for it rather than start a second one
        if (backgroundSync.isRunning(instanceId, task.cvatTaskId())) {
            sync.setEnabled(false);
            follow(backgroundSync.syncTaskAndList(instanceId, task.cvatTaskId(), user.username()));
        }
        loadJobs();
    }

    @Override
    public String getPageTitle() {
        return (task == null ? "Task" : task.name()) + " | CVAT Queue Manager";
    }

    private void configureGrid() {
        jobs.setId("jobs");
        jobs.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        jobs.addColumn(new ComponentRenderer<>(j -> {
            Anchor link = JobLink.numbered(cvatBaseUrl, task.cvatTaskId(), j.cvatJobId());
            link.setTitle("Open job " + j.cvatJobId() + " in CVAT");
            return link;
        })).setHeader("Job").setWidth("6em").setFlexGrow(0).setComparator(JobReview::cvatJobId);
        jobs.addColumn(j -> Formats.stageAndState(j.stage(), j.state())).setHeader("CVAT stage · state")
                .setAutoWidth(true);
        jobs.addColumn(j -> j.cvatAssignee() == null ? "—" : j.cvatAssignee()).setHeader("CVAT assignee")
                .setAutoWidth(true).setKey("assignee");
        jobs.addColumn(new ComponentRenderer<>(j -> j.reviewStatus() == null ? new Span("not queued")
                : Formats.statusBadge(j.reviewStatus(), j.overdue()))).setHeader("Review").setAutoWidth(true);
        jobs.addColumn(j -> j.reviewer() == null ? "" : j.reviewer()).setHeader("Reviewer").setAutoWidth(true)
                .setKey("reviewer");
        jobs.addColumn(j -> j.annotator() == null ? "" : j.annotator()).setHeader("Annotator").setAutoWidth(true)
                .setKey("annotator");
        jobs.addColumn(JobReview::rejectionCount).setHeader("Rejections").setAutoWidth(true).setKey("rejections");
        priority.addJobColumn(jobs);
        jobs.setEmptyStateText("CVAT lists no jobs for this task.");
        NarrowScreens.hideOnNarrow(jobs, "assignee", "annotator", "rejections");
        jobs.setMinHeight("300px");
    }

    private void loadJobs() {
        showJobs(() -> board.jobs(instanceId, task.cvatTaskId()));
    }

    private void showJobs(java.util.function.Supplier<List<JobReview>> read) {
        try {
            List<JobReview> rows = read.get();
            jobs.setEmptyStateText("CVAT lists no jobs for this task.");
            jobs.setItems(rows);
            cvatError.setVisible(false);
        } catch (CvatException e) {
            // not "no jobs": CVAT did not say, and the banner above says why
            jobs.setEmptyStateText("Jobs cannot be shown until CVAT answers.");
            jobs.setItems(List.of());
            cvatError.setText("The jobs could not be read from CVAT: " + e.getMessage());
            cvatError.setVisible(true);
        }
    }

    private void showLastSync() {
        lastSync.setText("CVAT task #" + task.cvatTaskId() + " · last sync: "
                + (task.lastSyncedAt() == null ? "never" : Formats.time(task.lastSyncedAt()) + ", "
                + task.lastSyncSummary()));
    }

    private void startSync() {
        syncSummary.setText("");
        follow(backgroundSync.syncTaskAndList(instanceId, task.cvatTaskId(), user.username()));
    }

    private void follow(CompletableFuture<ListedSync> future) {
        syncing.setVisible(true);
        UI ui = UI.getCurrent();
        runningSync = future.whenComplete((synced, error) -> ui.access(() -> {
            syncing.setVisible(false);
            sync.setEnabled(true);
            task = trackedTasks.find(instanceId, task.cvatTaskId()).orElse(task);
            showLastSync();
            if (error == null) {
                SyncResult result = synced.result();
                syncSummary.setText("Synced: " + result.summary());
                Feedback.success("Sync done: " + result.summary());
                // the jobs as the sync just listed them: one CVAT list call for the whole button press
                showJobs(() -> board.jobs(instanceId, task.cvatTaskId(), synced.jobs()));
            } else {
                String reason = Feedback.describe(error);
                syncSummary.setText("Sync failed");
                Feedback.error("Sync failed: " + reason);
                loadJobs();
            }
        }));
    }
}
