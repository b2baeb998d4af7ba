package io.cvatqueue.analytics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.analytics.AnnotationSnapshot;
import io.cvatqueue.analytics.AnnotatorProgress;
import io.cvatqueue.analytics.RefreshSummary;
import io.cvatqueue.analytics.ReviewAnalyticsService;
import io.cvatqueue.analytics.SnapshotService;
import io.cvatqueue.analytics.TaskRefresh;
import io.cvatqueue.analytics.TimelinePoint;
import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;
import io.cvatqueue.ui.CurrentInstance;
import jakarta.annotation.security.PermitAll;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Annotation and review analytics of one tracked task ("analytics/42"), or a task picker ("analytics"). Numbers
 * come from the annotation snapshots and the review audit trail; "Refresh" takes new snapshots in the background.
 */
@Route("analytics/:taskId?")
@PageTitle("Analytics | CVAT Queue Manager")
@PermitAll
public class AnalyticsView extends VerticalLayout implements BeforeEnterObserver {

    static final String TASK_PARAMETER = "taskId";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final SnapshotService snapshots;
    private final ReviewAnalyticsService reviewAnalytics;
    private final TrackedTaskService trackedTasks;
    private final CvatInstance instance;
    private final ZoneId zone;

    private final ComboBox<TrackedTask> taskPicker = new ComboBox<>("Task");
    private final Div content = new Div();
    private final Button refreshButton = new Button("Refresh", VaadinIcon.REFRESH.create());
    private final ProgressBar progress = new ProgressBar();
    private final Span refreshStatus = new Span();
    private final Div refreshErrors = new Div();

    private TrackedTask task;
    /** Set while this view's refresh runs; the button is disabled too, this also covers a fast second click. */
    private boolean refreshing;

    public AnalyticsView(SnapshotService snapshots, ReviewAnalyticsService reviewAnalytics,
                         TrackedTaskService trackedTasks, CurrentInstance currentInstance) {
        this.snapshots = snapshots;
        this.reviewAnalytics = reviewAnalytics;
        this.trackedTasks = trackedTasks;
        this.instance = currentInstance.get();
        // the browser's zone is unknown on the server; the app's times are shown in UTC and say so
        this.zone = ZoneId.of("UTC");
        addClassName("page");
        setPadding(true);
        setSpacing(false);

        taskPicker.setId("task-picker");
        taskPicker.setItemLabelGenerator(t -> "#" + t.cvatTaskId() + " " + t.name());
        taskPicker.setPlaceholder("Choose a tracked task");
        taskPicker.setWidth("min(100%, 28rem)");
        taskPicker.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                UI.getCurrent().navigate(AnalyticsView.class,
                        new RouteParameters(TASK_PARAMETER, String.valueOf(event.getValue().cvatTaskId())));
            }
        });

        refreshButton.setId("refresh-analytics");
        refreshButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // the browser disables the button at once, so a double click sends one click; the server enables it again
        refreshButton.setDisableOnClick(true);
        refreshButton.addClickListener(click -> startRefresh());
        progress.setId("refresh-progress");
        progress.setVisible(false);
        progress.setWidth("12rem");
        refreshStatus.setId("refresh-status");
        refreshErrors.setId("refresh-errors");

        content.setWidthFull();
        add(new H2("Analytics"), taskPicker, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<TrackedTask> tasks = trackedTasks.list(instance.id());
        taskPicker.setItems(tasks);
        Optional<Long> taskId = event.getRouteParameters().get(TASK_PARAMETER).flatMap(AnalyticsView::parseId);
        task = taskId.flatMap(id -> tasks.stream().filter(t -> t.cvatTaskId() == id).findFirst()).orElse(null);
        taskPicker.setValue(task);
        content.removeAll();
        if (task != null) {
            showTask();
        } else if (taskId.isPresent() || event.getRouteParameters().get(TASK_PARAMETER).isPresent()) {
            content.add(new Paragraph("Task " + event.getRouteParameters().get(TASK_PARAMETER).orElse("")
                    + " is not tracked in " + instance.name() + ". Choose one of the tracked tasks."));
        } else if (tasks.isEmpty()) {
            content.add(new Paragraph("No tasks are tracked yet. An admin chooses the CVAT tasks to track; their "
                    + "analytics appear here."));
        } else {
            content.add(new Paragraph("Choose a task to see how its annotation and reviews progress."));
        }
    }

    private void showTask() {
        content.removeAll();
        long taskId = task.cvatTaskId();
        HorizontalLayout toolbar = new HorizontalLayout(refreshButton, progress, refreshStatus);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("flex-wrap", "wrap").set("margin-top", "var(--lumo-space-s)");
        showLastRefresh(snapshots.lastRefresh(instance.id(), taskId));
        content.add(toolbar, refreshErrors);

        List<AnnotationSnapshot> jobs = snapshots.latestJobs(instance.id(), taskId);
        content.add(heading("Annotations over time"));
        if (jobs.isEmpty()) {
            content.add(new Paragraph("No snapshots of this task yet. Refresh to download its jobs' annotations; "
                    + "the timer does it every half hour."));
        }
        content.add(timelineChart(snapshots.timeline(instance.id(), taskId)));

        content.add(heading("Annotators"), annotatorCharts(snapshots.annotatorProgress(instance.id(), taskId)));
        content.add(heading("Jobs"), jobsGrid(jobs));
        content.add(heading("Reviews"));
        content.add(new ReviewAnalyticsPanel(reviewAnalytics.forTask(instance.id(), taskId)));
    }

    private ApexChart timelineChart(List<TimelinePoint> points) {
        List<String> at = points.stream().map(p -> p.at().toString()).toList();
        ApexChart chart = new ApexChart(ChartOptions.line(null, at, List.of(
                series("Total", points, TimelinePoint::total),
                series("Shapes", points, TimelinePoint::shapes),
                series("Tracks", points, TimelinePoint::tracks),
                series("Tags", points, TimelinePoint::tags))));
        chart.setId("timeline-chart");
        return chart;
    }

    private Component annotatorCharts(List<AnnotatorProgress> annotators) {
        List<String> names = annotators.stream().map(AnnotatorProgress::annotator).toList();
        int height = Math.max(200, 60 + 40 * names.size());
        ApexChart annotations = new ApexChart(ChartOptions.bars("Annotations in their jobs", names,
                List.of(series("Annotations", annotators, AnnotatorProgress::annotations)))
                .horizontalBars().withHeight(height));
        annotations.setId("annotator-annotations-chart");
        ApexChart completed = new ApexChart(ChartOptions.bars("Jobs", names, List.of(
                        series("Completed", annotators, AnnotatorProgress::completedJobs),
                        series("Not completed", annotators, a -> a.jobs() - a.completedJobs())))
                .stackedBars().horizontalBars().withHeight(height));
        completed.setId("annotator-jobs-chart");
        return cards(annotations, completed);
    }

    private Grid<AnnotationSnapshot> jobsGrid(List<AnnotationSnapshot> jobs) {
        Grid<AnnotationSnapshot> grid = new Grid<>(AnnotationSnapshot.class, false);
        grid.setId("jobs-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(job -> {
                    Anchor link = new Anchor(CvatClient.jobUrl(instance.baseUrl(), job.cvatTaskId(), job.cvatJobId()),
                            "#" + job.cvatJobId());
                    link.setTarget("_blank");
                    return link;
                })
                .setHeader("Job").setWidth("6rem").setFlexGrow(0).setComparator(AnnotationSnapshot::cvatJobId);
        grid.addColumn(job -> job.assignee() == null ? "—" : job.assignee()).setHeader("Annotator")
                .setAutoWidth(true).setSortable(true);
        // the total before the details, so a phone shows it without scrolling sideways
        grid.addColumn(AnnotationSnapshot::total).setHeader("Total").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        grid.addColumn(job -> job.stage() + " / " + job.state()).setHeader("Stage / state").setAutoWidth(true)
                .setSortable(true);
        grid.addColumn(AnnotationSnapshot::shapes).setHeader("Shapes").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        grid.addColumn(AnnotationSnapshot::tracks).setHeader("Tracks").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        grid.addColumn(AnnotationSnapshot::tags).setHeader("Tags").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        grid.addColumn(job -> time(job.jobUpdatedDate())).setHeader("Changed in CVAT").setAutoWidth(true)
                .setComparator(job -> Optional.ofNullable(job.jobUpdatedDate()).orElse(Instant.EPOCH));
        grid.setItems(jobs);
        grid.setAllRowsVisible(jobs.size() <= 15);
        grid.setHeight(jobs.size() <= 15 ? null : "32rem");
        return grid;
    }

    // ---- refresh in the background

    private void startRefresh() {
        if (refreshing || task == null) {
            return;
        }
        refreshing = true;
        refreshButton.setEnabled(false);
        progress.setIndeterminate(true);
        progress.setVisible(true);
        refreshStatus.setText("Listing the task's jobs in CVAT…");
        refreshErrors.removeAll();
        UI ui = UI.getCurrent();
        TrackedTask refreshed = task;
        snapshots.refreshTaskInBackground(instance.id(), refreshed.cvatTaskId(), (done, total) -> access(ui, () -> {
                    progress.setIndeterminate(false);
                    progress.setMin(0);
                    progress.setMax(Math.max(total, 1));
                    progress.setValue(done);
                    refreshStatus.setText(total == 0 ? "No job changed since the last snapshot"
                            : "Downloading annotations of changed jobs: " + done + " of " + total);
                }))
                .whenComplete((summary, failure) -> access(ui, () -> finishRefresh(refreshed, summary, failure)));
    }

    private void finishRefresh(TrackedTask refreshed, RefreshSummary summary, Throwable failure) {
        refreshing = false;
        refreshButton.setEnabled(true);
        progress.setVisible(false);
        if (task == null || task.id().longValue() != refreshed.id()) {
            return;
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String message = "Refresh failed: " + Feedback.describe(cause);
            refreshStatus.setText(message);
            Feedback.error(message);
            return;
        }
        showTask();
        if (summary.failed() == 0) {
            Feedback.success("Refreshed: " + summary.describe());
        } else {
            Feedback.error("Refreshed with failures: " + summary.describe());
        }
    }

    private void showLastRefresh(Optional<TaskRefresh> last) {
        refreshErrors.removeAll();
        if (last.isEmpty()) {
            refreshStatus.setText("Not refreshed yet");
            return;
        }
        TaskRefresh refresh = last.get();
        RefreshSummary summary = new RefreshSummary(refresh.cvatTaskId(), refresh.refreshedAt(), refresh.jobs(),
                refresh.downloaded(), refresh.unchanged(), refresh.failed(), List.of());
        refreshStatus.setText("Last refresh " + time(refresh.refreshedAt()) + " UTC: " + summary.describe());
        if (refresh.failed() > 0 && refresh.errors() != null) {
            UnorderedList errors = new UnorderedList();
            Arrays.stream(refresh.errors().split("\n")).map(ListItem::new).forEach(errors::add);
            Paragraph intro = new Paragraph(refresh.failed() == 1
                    ? "CVAT did not give the annotations of one job; the next refresh tries it again:"
                    : "CVAT did not give the annotations of " + refresh.failed()
                    + " jobs; the next refresh tries them again:");
            refreshErrors.add(intro, errors);
            refreshErrors.getStyle().set("color", "var(--lumo-error-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
        }
    }

    private static void access(UI ui, Runnable command) {
        try {
            ui.access(command::run);
        } catch (UIDetachedException e) {
            // the user left the page; the refresh's result is saved and shown next time
        }
    }

    // ---- small helpers

    static <T> ChartOptions.Series series(String name, List<T> items, Function<T, Integer> value) {
        return new ChartOptions.Series(name, items.stream().<Number>map(value).toList());
    }

    /** Side by side on wide screens, one below the other on phones. */
    static FlexLayout cards(Component... cards) {
        FlexLayout layout = new FlexLayout(cards);
        layout.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        layout.setWidthFull();
        layout.getStyle().set("gap", "var(--lumo-space-m)");
        for (Component card : cards) {
            layout.setFlexBasis("18rem", card);
            layout.setFlexGrow(1, card);
            card.getElement().getStyle().set("min-width", "0");
        }
        return layout;
    }

    private static H3 heading(String text) {
        H3 heading = new H3(text);
        heading.getStyle().set("margin", "var(--lumo-space-l) 0 var(--lumo-space-s)");
        return heading;
    }

    private String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }

    private static Optional<Long> parseId(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
