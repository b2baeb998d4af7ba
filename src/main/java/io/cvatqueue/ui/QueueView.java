package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.queue.QueueSort;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.drift.CvatDriftService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.sync.TrackedTaskService;
import jakarta.annotation.security.RolesAllowed;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The instance's open reviews for admins: filter, sort and page on the server, assign one or many. When two
 * admins assign the same job, the second learns who was quicker and sees the queue as it now is.
 */
@Route("admin/queue")
@PageTitle("Queue | CVAT Queue Manager")
@RolesAllowed("ADMIN")
public class QueueView extends VerticalLayout {

    private final QueueService queue;
    private final ReviewService reviews;
    private final AccountService accounts;
    private final long instanceId;
    private QueueFilter filter;

    final TaskChoice taskFilter;
    final MultiSelectComboBox<ReviewStatus> statusFilter = new MultiSelectComboBox<>("Status");
    final ComboBox<String> reviewerFilter = new ComboBox<>("Reviewer");
    final Checkbox overdueOnly = new Checkbox("Overdue only");
    final FilterPanel filters;
    final Grid<QueueEntry> grid = new Grid<>();
    final QueueBulkBar bulk;
    private final AwayService away;

    final CvatChangesPanel cvatChanges;

    public QueueView(CurrentInstance currentInstance, QueueService queue, ReviewService reviews,
                     AccountService accounts, TrackedTaskService trackedTasks, CvatDriftService drifts,
                     PriorityService priorities, AwayService away) {
        this.queue = queue;
        this.away = away;
        this.reviews = reviews;
        this.accounts = accounts;
        this.instanceId = currentInstance.id();
        this.filter = QueueFilter.openReviews(instanceId);
        addClassName("page");
        setPadding(false);
        setHeightFull();

        taskFilter = new TaskChoice("Task", trackedTasks.list(instanceId));
        taskFilter.setId("task-filter");
        taskFilter.addValueChangeListener(e -> applyFilter(filter.withTask(taskFilter.cvatTaskId())));

        statusFilter.setId("status-filter");
        statusFilter.setItems(Arrays.stream(ReviewStatus.values()).filter(ReviewStatus::isOpen).toList());
        statusFilter.setItemLabelGenerator(ReviewStatus::label);
        statusFilter.setPlaceholder("All open");
        statusFilter.setClearButtonVisible(true);
        statusFilter.addValueChangeListener(e -> applyFilter(filter.withStatuses(e.getValue())));

        reviewerFilter.setId("reviewer-filter");
        reviewerFilter.setItems(Stream.concat(Stream.of(QueueFilter.UNASSIGNED),
                accounts.activeUsersOf(instanceId).stream().map(AppUser::username)).toList());
        reviewerFilter.setClearButtonVisible(true);
        reviewerFilter.setPlaceholder("Anyone");
        reviewerFilter.addValueChangeListener(e -> applyFilter(filter.withReviewer(e.getValue())));

        overdueOnly.setId("overdue-filter");
        overdueOnly.addValueChangeListener(e -> applyFilter(filter.withOverdueOnly(e.getValue())));
        filters = new FilterPanel("queue-filters", taskFilter, statusFilter, reviewerFilter, overdueOnly);

        configureGrid();
        bulk = new QueueBulkBar(grid, reviews, priorities, accounts, queue, away, instanceId, this::refreshAfterChange);
        cvatChanges = new CvatChangesPanel(drifts, instanceId, this::refreshAfterChange);
        add(new PageHeader("Review queue"), cvatChanges, filters, bulk, grid);
        setFlexGrow(1, grid);
    }

    private void configureGrid() {
        grid.setId("queue");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setMinHeight("320px");
        Grid.Column<QueueEntry> priority = grid.addColumn(new ComponentRenderer<>(e -> PriorityChoice.badge(
                e.priority()))).setHeader("Priority").setSortProperty("priority").setAutoWidth(true).setFlexGrow(0)
                .setKey("priority");
        grid.addColumn(QueueEntry::cvatJobId).setHeader("Job").setSortProperty("cvatJobId").setWidth("6em")
                .setFlexGrow(0).setKey("job");
        grid.addColumn(e -> e.taskName() == null ? "#" + e.cvatTaskId() : e.taskName()).setHeader("Task")
                .setSortProperty("taskName").setAutoWidth(true).setFlexGrow(2).setKey("task");
        // a fixed, growing width: a long status ("Rejected, awaiting rework") wraps on a phone instead of being cut
        grid.addColumn(new ComponentRenderer<>(this::statusWithNote))
                .setHeader("Status").setSortProperty("status").setWidth("8.5em").setFlexGrow(1).setKey("status");
        grid.addColumn(e -> e.reviewer() == null ? "—" : e.reviewer()).setHeader("Reviewer")
                .setSortProperty("reviewer").setAutoWidth(true).setKey("reviewer");
        grid.addColumn(e -> e.annotator() == null ? "" : e.annotator()).setHeader("Annotator")
                .setSortProperty("annotator").setAutoWidth(true).setKey("annotator");
        grid.addColumn(QueueEntry::rejectionCount).setHeader("Rejections").setSortProperty("rejectionCount")
                .setAutoWidth(true).setKey("rejections");
        grid.addColumn(e -> Formats.time(e.queuedAt())).setHeader("Queued")
                .setSortProperty("queuedAt").setAutoWidth(true).setKey("queued");
        grid.addColumn(new ComponentRenderer<>(this::rowAction)).setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setFrozenToEnd(true).setKey("action");
        // the queue's own order: the most urgent first (and among equals the longest waiting, QueueSort.effective)
        grid.sort(GridSortOrder.desc(priority).build());
        // no count: counting reads every matching row, so the grid learns the queue's length as it scrolls and a
        // queue of 100,000 opens as fast as one of 100
        grid.setItems(query -> queue.page(filter, query.getOffset(), query.getLimit(), query.getSortOrders().stream()
                .map(o -> new QueueSort(o.getSorted(), o.getDirection() == SortDirection.DESCENDING)).toList())
                .stream());
        // rows are identified by review, so a selection survives refreshes that change a row's other fields
        grid.getLazyDataView().setIdentifierProvider(QueueEntry::reviewId);
        grid.setEmptyStateText("No open reviews match these filters.");
        NarrowScreens.hideOnNarrow(grid, "task", "reviewer", "annotator", "rejections", "queued");
    }

    /** The status, and below it why the review came back to the queue, if it did. */
    private com.vaadin.flow.component.Component statusWithNote(QueueEntry entry) {
        Span badge = Formats.statusBadge(entry.status(), entry.overdue());
        String note = entry.queueNote();
        if (note == null) {
            return badge;
        }
        Span text = new Span(note);
        text.addClassNames("muted", "queue-note");
        VerticalLayout both = new VerticalLayout(badge, text);
        both.setPadding(false);
        both.setSpacing(false);
        return both;
    }

    private Button rowAction(QueueEntry entry) {
        boolean queued = entry.status() == ReviewStatus.QUEUED;
        boolean reassignable = entry.status() == ReviewStatus.ASSIGNED || entry.status() == ReviewStatus.IN_REVIEW;
        Button action = new Button(queued ? "Assign" : "Reassign", click -> openAssignDialog(entry, queued));
        action.addThemeVariants(ButtonVariant.LUMO_SMALL, queued ? ButtonVariant.LUMO_PRIMARY
                : ButtonVariant.LUMO_TERTIARY);
        action.addClassName("row-assign");
        action.setVisible(queued || reassignable);
        return action;
    }

    private void applyFilter(QueueFilter newFilter) {
        filter = newFilter;
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }

    private void openAssignDialog(QueueEntry entry, boolean queued) {
        new AssignDialog(entry, queued, accounts, queue, away.awayNowUntil(), instanceId,
                reviewer -> assignOne(entry, reviewer, queued)).open();
    }

    void assignOne(QueueEntry entry, String reviewer, boolean queued) {
        try {
            if (queued) {
                reviews.assign(entry.reviewId(), reviewer);
                Feedback.success("Job " + entry.cvatJobId() + " assigned to " + reviewer);
            } else {
                reviews.reassign(entry.reviewId(), reviewer);
                Feedback.success("Job " + entry.cvatJobId() + " reassigned to " + reviewer);
            }
        } catch (ReviewException e) {
            Feedback.error(e.getMessage());
        }
        refreshAfterChange();
    }

    private void refreshAfterChange() {
        grid.getDataProvider().refreshAll();
        bulk.update();
    }
}
