package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewService.BulkResult;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.settings.Priority;

import java.util.List;

/**
 * The queue's bulk actions on the selected rows: assign them to one reviewer, or give them one priority. Faint
 * until rows are selected (the bar stays in place, so the grid does not jump).
 */
class QueueBulkBar extends FlexLayout {

    final ReviewerChoice reviewer;
    final Button assign = new Button("Assign selected");
    final PriorityChoice priority = new PriorityChoice("Priority…");
    final Button setPriority = new Button("Set priority");
    private final Span selectionInfo = new Span();
    private final Grid<QueueEntry> grid;
    private final ReviewService reviews;
    private final PriorityService priorities;
    private final Runnable afterChange;

    QueueBulkBar(Grid<QueueEntry> grid, ReviewService reviews, PriorityService priorities, AccountService accounts,
                 QueueService queue, AwayService away, long instanceId, Runnable afterChange) {
        this.grid = grid;
        this.reviews = reviews;
        this.priorities = priorities;
        this.afterChange = afterChange;
        reviewer = new ReviewerChoice("Assign to…", accounts, queue, away.awayNowUntil(), instanceId);
        reviewer.setId("bulk-reviewer");
        assign.setId("bulk-assign");
        assign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        assign.addClickListener(click -> assignSelected());
        reviewer.addValueChangeListener(e -> update());
        selectionInfo.setId("selection-info");
        selectionInfo.addClassName("muted");
        priority.setId("bulk-priority");
        setPriority.setId("bulk-set-priority");
        setPriority.addClickListener(click -> setPriorityOfSelected());
        priority.addValueChangeListener(e -> update());
        add(reviewer, assign, priority, setPriority, selectionInfo);
        addClassNames("filter-bar", "bulk-bar");
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.addSelectionListener(e -> update());
        update();
    }

    /** Follows the selection: what is selected, which actions can run. */
    void update() {
        int selected = grid.getSelectedItems().size();
        selectionInfo.setText(selected == 0 ? "Select reviews to assign or prioritise several at once"
                : selected + " selected");
        setClassName("idle", selected == 0);
        assign.setEnabled(selected > 0 && reviewer.getValue() != null);
        setPriority.setEnabled(selected > 0 && priority.getValue() != null);
    }

    void assignSelected() {
        AppUser chosen = reviewer.getValue();
        List<Long> ids = selectedReviewIds();
        if (chosen == null || ids.isEmpty()) {
            return;
        }
        BulkResult result = reviews.assignAll(ids, chosen.username());
        if (result.problems().isEmpty()) {
            Feedback.success(result.succeeded() + " assigned to " + chosen.username());
        } else {
            Feedback.problems("bulk-problems", result.succeeded() + " assigned to " + chosen.username() + ", "
                    + result.problems().size() + " not:", result.problems());
        }
        grid.deselectAll();
        afterChange.run();
    }

    /** Gives the selected reviews' jobs the chosen priority (a job's priority wins over its task's and project's). */
    void setPriorityOfSelected() {
        Priority chosen = priority.getValue();
        List<Long> ids = selectedReviewIds();
        if (chosen == null || ids.isEmpty()) {
            return;
        }
        try {
            priorities.setForReviews(ids, chosen);
            Feedback.success(ids.size() + " set to priority " + chosen.label());
        } catch (ReviewException e) {
            Feedback.error(e.getMessage());
        }
        grid.deselectAll();
        afterChange.run();
    }

    private List<Long> selectedReviewIds() {
        return grid.getSelectedItems().stream().map(QueueEntry::reviewId).toList();
    }
}
