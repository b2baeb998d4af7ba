package io.cvatqueue.analytics.ui;

import io.cvatqueue.ui.BrowserZone;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.VaadinSession;
import io.cvatqueue.analytics.AnnotationSnapshot;
import io.cvatqueue.analytics.AnnotatorProgress;
import io.cvatqueue.analytics.ReviewAnalyticsService;
import io.cvatqueue.analytics.SnapshotService;
import io.cvatqueue.analytics.TimelinePoint;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;
import io.cvatqueue.ui.CurrentInstance;
import io.cvatqueue.ui.PageHeader;
import io.cvatqueue.ui.TaskChoice;
import jakarta.annotation.security.PermitAll;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Annotation and review analytics of one tracked task ("analytics/42"; "analytics" opens the task last looked at,
 * or the one synced most recently), with a picker for the others. Numbers come from the annotation snapshots and
 * the review audit trail; "Refresh" takes new snapshots in the background.
 */
@Route("analytics/:taskId?")
@PageTitle("Analytics | CVAT Queue Manager")
@PermitAll
public class AnalyticsView extends VerticalLayout implements BeforeEnterObserver {

    static final String TASK_PARAMETER = "taskId";

    private final SnapshotService snapshots;
    private final ReviewAnalyticsService reviewAnalytics;
    private final TrackedTaskService trackedTasks;
    private final CvatInstance instance;
    private final ZoneId zone;

    private final TaskChoice taskPicker = new TaskChoice("Task", List.of());
    private final Div content = new Div();

    private TrackedTask task;

    public AnalyticsView(SnapshotService snapshots, ReviewAnalyticsService reviewAnalytics,
                         TrackedTaskService trackedTasks, CurrentInstance currentInstance) {
        this.snapshots = snapshots;
        this.reviewAnalytics = reviewAnalytics;
        this.trackedTasks = trackedTasks;
        this.instance = currentInstance.get();
        this.zone = BrowserZone.current();
        addClassName("page");
        setPadding(true);
        setSpacing(false);

        taskPicker.setId("task-picker");
        taskPicker.setPlaceholder("Choose a tracked task");
        taskPicker.setClearButtonVisible(false);
        taskPicker.setWidth("min(100%, 28rem)");
        taskPicker.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                UI.getCurrent().navigate(AnalyticsView.class,
                        new RouteParameters(TASK_PARAMETER, String.valueOf(event.getValue().cvatTaskId())));
            }
        });

        content.setWidthFull();
        add(new PageHeader("Analytics"), taskPicker, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<TrackedTask> tasks = trackedTasks.list(instance.id());
        Optional<String> parameter = event.getRouteParameters().get(TASK_PARAMETER);
        if (parameter.isEmpty() && !tasks.isEmpty()) {
            // the page opens on a task rather than empty: the one last looked at, else the one synced last
            event.forwardTo(AnalyticsView.class,
                    new RouteParameters(TASK_PARAMETER, String.valueOf(taskToOpen(tasks).cvatTaskId())));
            return;
        }
        taskPicker.setItems(tasks);
        Optional<Long> taskId = parameter.flatMap(AnalyticsView::parseId);
        task = taskId.flatMap(id -> tasks.stream().filter(t -> t.cvatTaskId() == id).findFirst()).orElse(null);
        taskPicker.setValue(task);
        content.removeAll();
        if (task != null) {
            VaadinSession.getCurrent().setAttribute(lastTaskKey(), task.cvatTaskId());
            showTask();
        } else if (parameter.isPresent()) {
            content.add(new Paragraph("Task " + parameter.get() + " is not tracked in " + instance.name()
                    + ". Choose one of the tracked tasks."));
        } else {
            content.add(new Paragraph("No tasks are tracked yet. An admin chooses the CVAT tasks to track; their "
                    + "analytics appear here."));
        }
    }

    /** The task this session looked at last if it is still tracked; else the one synced most recently. */
    private TrackedTask taskToOpen(List<TrackedTask> tasks) {
        Object last = VaadinSession.getCurrent().getAttribute(lastTaskKey());
        return tasks.stream().filter(t -> Long.valueOf(t.cvatTaskId()).equals(last)).findFirst()
                .orElseGet(() -> tasks.stream().max(Comparator.comparing(TrackedTask::lastSyncedAt,
                        Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow());
    }

    /** Per CVAT instance: task ids are CVAT's, so two instances can both have a task 5. */
    private String lastTaskKey() {
        return AnalyticsView.class.getName() + ".lastTask." + instance.id();
    }

    private void showTask() {
        content.removeAll();
        long taskId = task.cvatTaskId();
        content.add(new SnapshotRefreshBar(snapshots, instance.id(), taskId, this::showTask));

        List<AnnotationSnapshot> jobs = snapshots.latestJobs(instance.id(), taskId);
        content.add(heading("Annotations over time"));
        if (jobs.isEmpty()) {
            content.add(new Paragraph("No snapshots of this task yet. Refresh to download its jobs' annotations; "
                    + "the timer does it every half hour."));
        }
        content.add(timelineChart(snapshots.timeline(instance.id(), taskId)));

        content.add(heading("Annotators"), annotatorCharts(snapshots.annotatorProgress(instance.id(), taskId)));
        content.add(heading("Jobs"), new AnnotatedJobsGrid(instance.baseUrl(), jobs));
        content.add(heading("Reviews"));
        content.add(new ReviewAnalyticsPanel(reviewAnalytics.forTask(instance.id(), taskId, zone)));
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
        if (annotators.isEmpty()) {
            // empty horizontal bar charts draw a squeezed axis of made-up numbers: say it instead
            Paragraph none = new Paragraph("No annotator figures yet: they come with the first snapshot.");
            none.setId("annotators-none");
            return none;
        }
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

    private static Optional<Long> parseId(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
