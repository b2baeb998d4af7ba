package io.cvatqueue.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
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
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.drift.CvatDriftService;
import io.cvatqueue.review.rework.ReworkReports;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.settings.RejectionReasonService;
import jakarta.annotation.security.PermitAll;

import java.time.Duration;
import java.util.List;
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
    private final NotificationBroadcaster broadcaster;
    private final CvatDriftService drifts;
    private Runnable unregister;
    private final AppUser user;
    private final long instanceId;

    final OpenReviewsGrid open;
    final MyDecisionsGrid decisions;
    final TabSheet tabs = new TabSheet();
    private Tab toReview;

    public MyReviewsView(CurrentUser currentUser, CurrentInstance currentInstance, QueueService queue,
                         ReviewService reviews, RejectionReasonService rejectionReasons,
                         CvatInstanceService instances, DecisionHistory history,
                         NotificationBroadcaster broadcaster, ReworkReports rework, CvatDriftService drifts) {
        this.broadcaster = broadcaster;
        this.drifts = drifts;
        this.queue = queue;
        this.user = currentUser.require();
        this.instanceId = currentInstance.id();
        addClassName("page");
        setPadding(false);
        setHeightFull();

        open = new OpenReviewsGrid(reviews, rejectionReasons, rework, drifts, user.isAdmin(),
                instances.get(instanceId).baseUrl(), this::refresh, this::refreshSoon);
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
        open.show(entries, drifts.openFor(entries.stream().map(QueueEntry::reviewId).toList()));
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
