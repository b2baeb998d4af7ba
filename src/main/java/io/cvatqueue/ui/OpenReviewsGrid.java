package io.cvatqueue.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.drift.CvatDrift;
import io.cvatqueue.review.drift.CvatDriftService;
import io.cvatqueue.review.rework.ReworkReports;
import io.cvatqueue.settings.RejectionReasonService;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.Map;

/**
 * My reviews' "To review" list: the reviews assigned to me or in review, each with what I can do next (start,
 * approve, reject, see what changed, open in CVAT).
 */
class OpenReviewsGrid extends Grid<QueueEntry> {

    private final ReviewService reviews;
    private final RejectionReasonService rejectionReasons;
    private final ReworkReports rework;
    private final CvatDriftService drifts;
    private final boolean admin;
    /** Read once: job links are built for every row. */
    private final String cvatBaseUrl;
    private final Runnable refresh;
    private final Runnable refreshSoon;
    /** Reviews of the list that were changed in CVAT outside the workflow, read with the list. */
    private Map<Long, CvatDrift> changedInCvat = Map.of();

    /**
     * @param refresh     reads the list again, e.g. after a refused action
     * @param refreshSoon reads it now and once more when the workflow has moved on, after an action went through
     */
    OpenReviewsGrid(ReviewService reviews, RejectionReasonService rejectionReasons, ReworkReports rework,
                    CvatDriftService drifts, boolean admin, String cvatBaseUrl, Runnable refresh,
                    Runnable refreshSoon) {
        this.reviews = reviews;
        this.rejectionReasons = rejectionReasons;
        this.rework = rework;
        this.drifts = drifts;
        this.admin = admin;
        this.cvatBaseUrl = cvatBaseUrl;
        this.refresh = refresh;
        this.refreshSoon = refreshSoon;
        setId("open-reviews");
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setMinHeight("320px");
        addColumn(QueueEntry::cvatJobId).setHeader("Job").setAutoWidth(true).setFlexGrow(0).setKey("job");
        addColumn(e -> e.taskName() == null ? "#" + e.cvatTaskId() : e.taskName()).setHeader("Task")
                .setFlexGrow(2).setKey("task");
        addColumn(new ComponentRenderer<>(e -> changedInCvat.containsKey(e.reviewId())
                        ? changedBadge() : Formats.statusBadge(e.status(), e.overdue())))
                .setHeader("Status").setWidth("7em").setFlexGrow(0).setKey("status");
        addColumn(e -> e.annotator() == null ? "" : e.annotator()).setHeader("Annotator").setAutoWidth(true)
                .setKey("annotator");
        addColumn(e -> e.rejectionCount() == 0 ? "" : e.rejectionCount() + "×").setHeader("Rejected")
                .setAutoWidth(true).setKey("rejections");
        // not auto width: that measures the buttons side by side and pushes Reject off a phone's screen; with a
        // fixed, growing width they wrap instead
        addColumn(new ComponentRenderer<>(this::actions)).setHeader("Actions").setWidth("9.5em")
                .setFlexGrow(1).setKey("actions");
        setEmptyStateText("Nothing to review right now.");
        NarrowScreens.hideOnNarrow(this, "task", "annotator", "rejections");
    }

    /** @param changed the reviews of {@code entries} that were changed in CVAT outside the workflow */
    void show(List<QueueEntry> entries, Map<Long, CvatDrift> changed) {
        changedInCvat = changed;
        setItems(entries);
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
                    reviews.get(entry.reviewId()), rework, drifts, admin, refresh).open());
            changes.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            changes.addClassName("what-changed");
            actions.add(changes);
        }
        actions.add(JobLink.openInCvat(cvatBaseUrl, entry.cvatTaskId(), entry.cvatJobId()));
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        return actions;
    }

    private static Span changedBadge() {
        Span badge = new Span("Changed in CVAT");
        badge.getElement().getThemeList().add("badge error");
        return badge;
    }

    private void startReview(QueueEntry entry, Button start) {
        try {
            String url = reviews.startReview(entry.reviewId());
            UI.getCurrent().getPage().open(url, "_blank");
            Feedback.success("Review of job " + entry.cvatJobId() + " started; CVAT opens in a new tab");
            refreshSoon.run();
        } catch (ReviewException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
            start.setEnabled(true);
            refresh.run();
        }
    }

    private void openApprove(QueueEntry entry) {
        new ApproveDialog(entry.cvatJobId(), note -> decide(() -> reviews.approve(entry.reviewId(), note),
                "Job " + entry.cvatJobId() + " approved")).open();
    }

    private void openReject(QueueEntry entry) {
        new RejectDialog(entry.cvatJobId(), rejectionReasons.activeLabels(), (reason, note) ->
                decide(() -> reviews.reject(entry.reviewId(), reason, note),
                        "Job " + entry.cvatJobId() + " rejected: " + reason)).open();
    }

    /** Runs a decision; a refusal (someone else decided, not started yet) is shown and the list refreshed. */
    private boolean decide(Runnable decision, String done) {
        try {
            decision.run();
            Feedback.success(done);
            refreshSoon.run();
            return true;
        } catch (ReviewException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
            refresh.run();
            return e instanceof AccessDeniedException;
        }
    }
}
