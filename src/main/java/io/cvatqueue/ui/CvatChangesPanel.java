package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.drift.CvatDrift;
import io.cvatqueue.review.drift.CvatDriftService;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.function.Supplier;

/**
 * For admins: the open reviews whose job was changed in CVAT outside the workflow, each with its two ways out,
 * one below the other so that a phone shows them in full. Hidden while there are none; beyond about three it
 * scrolls, so that the queue below stays in view.
 */
class CvatChangesPanel extends VerticalLayout {

    final Div changes = new Div();
    private final H4 heading = new H4();
    private final CvatDriftService drifts;
    private final long instanceId;
    private final Runnable afterChange;

    CvatChangesPanel(CvatDriftService drifts, long instanceId, Runnable afterChange) {
        this.drifts = drifts;
        this.instanceId = instanceId;
        this.afterChange = afterChange;
        setId("cvat-changes");
        setPadding(false);
        setSpacing(false);
        changes.setWidthFull();
        changes.getStyle().set("max-height", "17em").set("overflow-y", "auto");
        add(heading, changes);
        refresh();
    }

    void refresh() {
        List<CvatDrift> open = drifts.openOfInstance(instanceId);
        changes.removeAll();
        open.forEach(drift -> changes.add(item(drift)));
        heading.setText("Changed in CVAT outside the workflow" + (open.size() > 1 ? " (" + open.size() + ")" : ""));
        setVisible(!open.isEmpty());
    }

    private Div item(CvatDrift drift) {
        Div item = new Div();
        item.addClassName("cvat-change");
        item.getStyle().set("padding", "var(--lumo-space-s) 0")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        Span what = new Span("Job " + drift.cvatJobId() + ": " + drift.summary()
                + (drift.changedAt() == null ? "" : " (" + Formats.time(drift.changedAt()) + ")"));
        what.addClassName("cvat-change-summary");
        Button adopt = new Button("Adopt CVAT's state", click -> act(() -> drifts.adopt(drift.id())));
        adopt.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        adopt.addClassName("adopt-cvat-state");
        Button restore = new Button("Restore the workflow's state", click -> act(() -> drifts.restore(drift.id())));
        restore.addThemeVariants(ButtonVariant.LUMO_SMALL);
        restore.addClassName("restore-workflow-state");
        FlexLayout actions = new FlexLayout(adopt, restore);
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        actions.getStyle().set("gap", "var(--lumo-space-s)").set("margin-top", "var(--lumo-space-xs)");
        item.add(new Div(what), actions);
        return item;
    }

    private void act(Supplier<String> action) {
        try {
            Feedback.success(action.get());
        } catch (ReviewException | CvatException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
        refresh();
        afterChange.run();
    }
}
