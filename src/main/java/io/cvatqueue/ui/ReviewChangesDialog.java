package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.drift.CvatDrift;
import io.cvatqueue.review.drift.CvatDriftService;
import io.cvatqueue.review.rework.ReworkDelta;
import io.cvatqueue.review.rework.ReworkReports;
import io.cvatqueue.review.rework.ReworkReports.ReworkReport;
import org.springframework.security.access.AccessDeniedException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What changed about a review's job: the annotator's rework since the last rejection (read from what the
 * background computed, never from CVAT while the page waits), and a change made in CVAT outside the workflow,
 * which admins adopt or undo from here.
 */
class ReviewChangesDialog extends Dialog {

    final Grid<ReworkDelta.LabelChange> labels = new Grid<>();
    final Button adopt = new Button("Adopt CVAT's state");
    final Button restore = new Button("Restore the workflow's state");

    ReviewChangesDialog(Review review, ReworkReports rework, CvatDriftService drifts, boolean admin,
                        Runnable afterChange) {
        setId("review-changes-dialog");
        setHeaderTitle("What changed in job " + review.cvatJobId());
        setWidth("min(720px, 95vw)");
        VerticalLayout content = new VerticalLayout();
        content.setPadding(false);
        drifts.openFor(review.id()).ifPresent(drift -> content.add(cvatChange(drift, drifts, admin, afterChange)));
        content.add(reworkSection(rework.latest(review)));
        add(content);
        getFooter().add(new Button("Close", click -> close()));
    }

    private Div cvatChange(CvatDrift drift, CvatDriftService drifts, boolean admin, Runnable afterChange) {
        Div section = new Div();
        section.setId("cvat-change");
        Span badge = new Span("Changed in CVAT outside the workflow");
        badge.getElement().getThemeList().add("badge error");
        Paragraph what = new Paragraph(drift.summary() + (drift.changedAt() == null ? ""
                : " (" + Formats.time(drift.changedAt()) + ")") + ". Noticed by the " + drift.noticedBy() + ".");
        section.add(badge, what);
        if (admin) {
            adopt.setId("adopt-cvat-state");
            adopt.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            adopt.addClickListener(click -> act(() -> drifts.adopt(drift.id()), afterChange));
            restore.setId("restore-workflow-state");
            restore.addClickListener(click -> act(() -> drifts.restore(drift.id()), afterChange));
            HorizontalLayout actions = new HorizontalLayout(adopt, restore);
            actions.getStyle().set("flex-wrap", "wrap");
            section.add(actions);
        } else {
            section.add(new Paragraph("An admin decides whether the workflow adopts CVAT's state or restores its own."));
        }
        return section;
    }

    private void act(Supplier<String> action, Runnable afterChange) {
        try {
            Feedback.success(action.get());
            close();
            afterChange.run();
        } catch (ReviewException | CvatException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    private Div reworkSection(Optional<ReworkReport> found) {
        Div section = new Div();
        section.setId("rework-delta");
        section.setWidthFull();
        section.add(new H4("Since the last rejection"));
        if (found.isEmpty()) {
            section.add(new Paragraph("The job has not come back from a rejection."));
            return section;
        }
        ReworkReport report = found.get();
        if (report.status() == ReworkReport.Status.PENDING) {
            section.add(new Paragraph("Comparing the rejected version with the one completed again, in the "
                    + "background" + (report.problem() == null ? "" : ": " + report.problem())));
            return section;
        }
        if (report.status() == ReworkReport.Status.UNAVAILABLE) {
            section.add(new Paragraph("No comparison: " + report.problem()));
            return section;
        }
        ReworkDelta delta = report.delta();
        Paragraph totals = new Paragraph(delta.nothingChanged() ? "No annotation changed since the rejection."
                : delta.added() + " added · " + delta.removed() + " removed · " + delta.changed() + " changed, on "
                + delta.framesTouchedTotal() + " frame(s); annotated frames " + delta.framesAnnotatedBefore() + " → "
                + delta.framesAnnotatedAfter());
        totals.setId("rework-totals");
        section.add(totals);
        labels.setId("rework-labels");
        labels.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        labels.setAllRowsVisible(true);
        labels.addColumn(ReworkDelta.LabelChange::label).setHeader("Label").setFlexGrow(2);
        labels.addColumn(ReworkDelta.LabelChange::added).setHeader("Added").setAutoWidth(true);
        labels.addColumn(ReworkDelta.LabelChange::removed).setHeader("Removed").setAutoWidth(true);
        labels.addColumn(ReworkDelta.LabelChange::changed).setHeader("Changed").setAutoWidth(true);
        labels.addColumn(l -> counts(l.before()) + " → " + counts(l.after())).setHeader("Shapes / tracks / tags")
                .setFlexGrow(2).setKey("counts");
        NarrowScreens.hideOnNarrow(labels, "counts");
        labels.setItems(delta.labels().stream().filter(l -> l.added() + l.removed() + l.changed() > 0).toList());
        if (!delta.nothingChanged()) {
            section.add(labels);
        }
        if (!report.frames().isEmpty()) {
            FlexLayout frames = new FlexLayout();
            frames.setId("rework-frames");
            frames.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            frames.getStyle().set("gap", "var(--lumo-space-s)");
            report.frames().forEach(link -> {
                Anchor frame = new Anchor(link.cvatUrl(), "frame " + link.frame());
                frame.setTarget("_blank");
                frames.add(frame);
            });
            if (delta.framesTouchedTotal() > report.frames().size()) {
                frames.add(new Span("and " + (delta.framesTouchedTotal() - report.frames().size()) + " more"));
            }
            section.add(new Paragraph("Frames touched (open in CVAT):"), frames);
        }
        if (!delta.issues().isEmpty()) {
            Div issues = new Div();
            issues.setId("rework-issues");
            issues.add(new Paragraph(delta.issuesResolved() + " of " + delta.issues().size()
                    + " issue(s) raised at the rejection resolved in CVAT:"));
            delta.issues().forEach(issue -> issues.add(new Div(new Span("Issue " + issue.id() + " on frame "
                    + issue.frame() + ": " + (issue.deleted() ? "deleted in CVAT" : issue.resolved() ? "resolved"
                    : "still open")))));
            section.add(issues);
        }
        return section;
    }

    private static String counts(ReworkDelta.Counts counts) {
        return counts.shapes() + " / " + counts.tracks() + " / " + counts.tags();
    }
}
