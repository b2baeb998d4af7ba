package io.cvatqueue.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.queue.QueueSort;
import io.cvatqueue.review.DecisionHistory;
import io.cvatqueue.notification.NotificationBroadcaster;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.drift.CvatDrift;
import io.cvatqueue.review.drift.CvatDriftService;
import io.cvatqueue.review.rework.ReworkReports;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.settings.RejectionReasonService;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reviewer's desk: reviews assigned to me, started, approved or rejected from here, and what I decided
 * before.
 */
@Route("my-reviews")
@PageTitle("My reviews | CVAT Queue Manager")
@PermitAll
public class MyReviewsView extends VerticalLayout {

    private final QueueService queue;
    private final ReviewService reviews;
    private final RejectionReasonService rejectionReasons;
    private final NotificationBroadcaster broadcaster;
    private final ReworkReports rework;
    private final CvatDriftService drifts;
    /** Reviews of the list that were changed in CVAT outside the workflow, read with the list. */
    private Map<Long, CvatDrift> changedInCvat = Map.of();
    private Runnable unregister;
    private final AppUser user;
    private final long instanceId;
    /** Read once: job links are built for every row. */
    private final String cvatBaseUrl;

    final Grid<QueueEntry> open = new Grid<>();
    final MyDecisionsGrid decisions;
    final TabSheet tabs = new TabSheet();
    private Tab toReview;

    public MyReviewsView(CurrentUser currentUser, CurrentInstance currentInstance, QueueService queue,
                         ReviewService reviews, RejectionReasonService rejectionReasons,
                         CvatInstanceService instances, DecisionHistory history,
                         NotificationBroadcaster broadcaster, ReworkReports rework, CvatDriftService drifts) {
        this.broadcaster = broadcaster;
        this.rework = rework;
        this.drifts = drifts;
        this.queue = queue;
        this.reviews = reviews;
        this.rejectionReasons = rejectionReasons;
        this.user = currentUser.require();
        this.instanceId = currentInstance.id();
        this.cvatBaseUrl = instances.get(instanceId).baseUrl();
        addClassName("page");
        setPadding(false);
        setHeightFull();

        configureOpenGrid();
        decisions = new MyDecisionsGrid(history, instanceId, user.username());
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.setId("refresh");
        PageHeader header = new PageHeader("My reviews", refresh);

        tabs.setId("my-tabs");
        tabs.setWidthFull();
        toReview = tabs.add("To review", open);
        tabs.add("My decisions", decisions);
        tabs.addSelectedChangeListener(e -> refresh());
        add(header, tabs);
        setFlexGrow(1, tabs);
        refresh();
    }

    private void configureOpenGrid() {
        open.setId("open-reviews");
        open.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        open.setMinHeight("320px");
        open.addColumn(QueueEntry::cvatJobId).setHeader("Job").setAutoWidth(true).setFlexGrow(0).setKey("job");
        open.addColumn(e -> e.taskName() == null ? "#" + e.cvatTaskId() : e.taskName()).setHeader("Task")
                .setFlexGrow(2).setKey("task");
        open.addColumn(new ComponentRenderer<>(e -> changedInCvat.containsKey(e.reviewId())
                        ? changedBadge() : Formats.statusBadge(e.status(), e.overdue())))
                .setHeader("Status").setWidth("7em").setFlexGrow(0).setKey("status");
        open.addColumn(e -> e.annotator() == null ? "" : e.annotator()).setHeader("Annotator").setAutoWidth(true)
                .setKey("annotator");
        open.addColumn(e -> e.rejectionCount() == 0 ? "" : e.rejectionCount() + "×").setHeader("Rejected")
                .setAutoWidth(true).setKey("rejections");
        // not auto width: that measures the buttons side by side and pushes Reject off a phone's screen; with a
        // fixed, growing width they wrap instead
        open.addColumn(new ComponentRenderer<>(this::actions)).setHeader("Actions").setWidth("9.5em")
                .setFlexGrow(1).setKey("actions");
        open.setEmptyStateText("Nothing to review right now.");
        NarrowScreens.hideOnNarrow(open, "task", "annotator", "rejections");
    }

    private HorizontalLayout actions(QueueEntry entry) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        actions.addClassName("row-actions");
        if (entry.status() == ReviewStatus.ASSIGNED) {
            Button start = new Button("Start review", VaadinIcon.PLAY.create());
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            start.addClassName("start-review");
            // one click, one start: a second click while the first is on its way does nothing
            start.setDisableOnClick(true);
            start.addClickListener(click -> startReview(entry, start));
            actions.add(start);
        } else if (entry.status() == ReviewStatus.IN_REVIEW) {
            Button approve = new Button("Approve", VaadinIcon.CHECK.create(), click -> openApprove(entry));
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            approve.addClassName("approve");
            Button reject = new Button("Reject", VaadinIcon.CLOSE.create(), click -> openReject(entry));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            reject.addClassName("reject");
            actions.add(approve, reject);
        }
        if (entry.rejectionCount() > 0 || changedInCvat.containsKey(entry.reviewId())) {
            Button changes = new Button("What changed", VaadinIcon.EXCHANGE.create(), click -> new ReviewChangesDialog(
                    reviews.get(entry.reviewId()), rework, drifts, user.isAdmin(), this::refresh).open());
            changes.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            changes.addClassName("what-changed");
            actions.add(changes);
        }
        actions.add(JobLink.openInCvat(cvatBaseUrl, entry.cvatTaskId(), entry.cvatJobId()));
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        return actions;
    }

    private static com.vaadin.flow.component.html.Span changedBadge() {
        com.vaadin.flow.component.html.Span badge = new com.vaadin.flow.component.html.Span("Changed in CVAT");
        badge.getElement().getThemeList().add("badge error");
        return badge;
    }

    void startReview(QueueEntry entry, Button start) {
        try {
            String url = reviews.startReview(entry.reviewId());
            UI.getCurrent().getPage().open(url, "_blank");
            Feedback.success("Review of job " + entry.cvatJobId() + " started; CVAT opens in a new tab");
            refreshSoon();
        } catch (ReviewException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
            start.setEnabled(true);
            refresh();
        }
    }

    private void openApprove(QueueEntry entry) {
        new ApproveDialog(entry.cvatJobId(), note -> decide(entry, () -> reviews.approve(entry.reviewId(), note),
                "Job " + entry.cvatJobId() + " approved")).open();
    }

    private void openReject(QueueEntry entry) {
        new RejectDialog(entry.cvatJobId(), rejectionReasons.activeLabels(), (reason, note) ->
                decide(entry, () -> reviews.reject(entry.reviewId(), reason, note),
                        "Job " + entry.cvatJobId() + " rejected: " + reason)).open();
    }

    /** Runs a decision; a refusal (someone else decided, not started yet) is shown and the list refreshed. */
    private boolean decide(QueueEntry entry, Runnable decision, String done) {
        try {
            decision.run();
            Feedback.success(done);
            refreshSoon();
            return true;
        } catch (ReviewException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
            refresh();
            return e instanceof AccessDeniedException;
        }
    }

    /**
     * A review assigned or returned to me arrives as a notification: the list follows it at once, like the badge,
     * instead of waiting for Refresh.
     */
    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unregister = broadcaster.register(user.username(), message -> LiveRefresh.now(ui, this, this::refresh));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unregister != null) {
            unregister.run();
            unregister = null;
        }
    }

    void refresh() {
        QueueFilter mine = new QueueFilter(instanceId, null, Set.of(ReviewStatus.ASSIGNED, ReviewStatus.IN_REVIEW),
                user.username(), false);
        List<QueueEntry> entries = queue.page(mine, 0, 500, List.of(QueueSort.OLDEST_FIRST));
        changedInCvat = drifts.openFor(entries.stream().map(QueueEntry::reviewId).toList());
        open.setItems(entries);
        toReview.setLabel("To review (" + entries.size() + ")");
        decisions.getDataProvider().refreshAll();
    }

    /**
     * The workflow moves a started or decided review on a moment later (after telling CVAT), so the list is
     * read again shortly after, through server push.
     */
    private void refreshSoon() {
        refresh();
        LiveRefresh.after(Duration.ofSeconds(2), this, this::refresh);
    }
}
