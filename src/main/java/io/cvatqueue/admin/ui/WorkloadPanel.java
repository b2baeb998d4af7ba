package io.cvatqueue.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.cvatqueue.review.assignment.AssignmentService;
import io.cvatqueue.review.assignment.AssignmentService.Outcome;
import io.cvatqueue.review.assignment.ReviewerWorkload;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.ui.AwayPeriodsPanel;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.ui.Formats;

/**
 * Each reviewer's open, in-review and overdue work on the current instance; admins move a reviewer's open reviews
 * to the others in one step, or distribute the queue (the most urgent first) by the assignment policy; and mark a
 * reviewer away.
 */
class WorkloadPanel extends Div {

    private final AssignmentService assignment;
    private final AwayService away;
    private final long instanceId;
    final Grid<ReviewerWorkload> grid = new Grid<>();
    final Button distribute = new Button("Distribute the queue");

    WorkloadPanel(AssignmentService assignment, AwayService away, long instanceId) {
        this.assignment = assignment;
        this.away = away;
        this.instanceId = instanceId;
        setId("workload");
        Paragraph intro = new Paragraph("Open work per reviewer of this CVAT instance. Frames weigh the work for the "
                + "policy \"least open work\". Reviewers who are away get no new reviews.");
        intro.addClassName("admin-intro");
        grid.setId("workload-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(ReviewerWorkload::username).setHeader("Reviewer").setKey("reviewer").setAutoWidth(true);
        grid.addColumn(ReviewerWorkload::assigned).setHeader("Assigned").setKey("assigned").setAutoWidth(true);
        grid.addColumn(ReviewerWorkload::inReview).setHeader("In review").setKey("inReview").setAutoWidth(true);
        grid.addColumn(ReviewerWorkload::overdue).setHeader("Overdue").setKey("overdue").setAutoWidth(true);
        grid.addColumn(ReviewerWorkload::openFrames).setHeader("Open frames").setKey("frames").setAutoWidth(true);
        grid.addComponentColumn(w -> {
            if (!w.active()) {
                Span deactivated = new Span("deactivated");
                deactivated.getElement().getThemeList().add("badge error");
                deactivated.setTitle("Holds reviews nobody could take when the account was deactivated: move them");
                return deactivated;
            }
            Span awayUntil = new Span(w.awayUntil() == null ? "" : "away until " + Formats.time(w.awayUntil()));
            if (w.awayUntil() != null) {
                awayUntil.getElement().getThemeList().add("badge contrast");
            }
            return awayUntil;
        }).setHeader("Away").setKey("away").setAutoWidth(true);
        grid.addComponentColumn(w -> {
            Button periods = new Button("Away…", click -> openAwayPeriods(w.username()));
            periods.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            periods.addClassName("away-periods-of");
            periods.setVisible(w.active());
            return periods;
        }).setHeader("").setKey("awayPeriods").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(w -> {
            Button move = new Button("Move open reviews", click -> confirmMove(w));
            move.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            move.addClassName("move-open");
            move.setEnabled(w.open() > 0);
            return move;
        }).setHeader("").setKey("move").setAutoWidth(true).setFlexGrow(0);
        distribute.setId("distribute-queue");
        distribute.addClickListener(click -> show(assignment.distributeQueue(instanceId)));
        add(new H3("Workload"), intro, distribute, grid);
        refresh();
    }

    void refresh() {
        grid.setItems(assignment.workload(instanceId));
    }

    /** The reviewer's away periods in a dialog; the list shows "away until" as soon as one is marked. */
    AwayPeriodsPanel openAwayPeriods(String username) {
        Dialog dialog = new Dialog();
        dialog.setId("away-dialog");
        dialog.setHeaderTitle(username + " away");
        dialog.setWidth("min(760px, 95vw)");
        AwayPeriodsPanel panel = new AwayPeriodsPanel(away, username, this::refresh);
        dialog.add(panel);
        dialog.getFooter().add(new Button("Close", click -> dialog.close()));
        dialog.open();
        return panel;
    }

    private void confirmMove(ReviewerWorkload from) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("move-dialog");
        confirm.setHeader("Move " + from.open() + " open review(s) of " + from.username() + "?");
        confirm.setText("Each goes to another reviewer by the assignment policy, the most urgent first; reviews "
                + "already in review move with their progress. Reviewers at the cap or away get none.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Move");
        confirm.addConfirmListener(e -> show(assignment.moveOpenReviews(instanceId, from.username())));
        confirm.open();
    }

    private void show(Outcome outcome) {
        if (outcome.incomplete()) {
            Feedback.error(outcome.summary());
        } else {
            Feedback.success(outcome.summary());
        }
        refresh();
    }
}
