package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.drift.CvatDrift;
import io.cvatqueue.review.drift.CvatDriftService;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.function.Supplier;

/**
 * For admins: the open reviews whose job was changed in CVAT outside the workflow, each with its two ways out.
 * Hidden while there are none.
 */
class CvatChangesPanel extends VerticalLayout {

    final Grid<CvatDrift> changes = new Grid<>();
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
        changes.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        changes.setAllRowsVisible(true);
        changes.addColumn(CvatDrift::cvatJobId).setHeader("Job").setAutoWidth(true).setFlexGrow(0);
        changes.addColumn(d -> d.summary() + (d.changedAt() == null ? "" : " (" + Formats.time(d.changedAt()) + ")"))
                .setHeader("Changed in CVAT outside the workflow").setFlexGrow(3);
        changes.addColumn(new ComponentRenderer<>(this::actions)).setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setKey("actions");
        add(new H4("Changed in CVAT"), changes);
        refresh();
    }

    void refresh() {
        List<CvatDrift> open = drifts.openOfInstance(instanceId);
        changes.setItems(open);
        setVisible(!open.isEmpty());
    }

    private HorizontalLayout actions(CvatDrift drift) {
        Button adopt = new Button("Adopt CVAT's state", click -> act(() -> drifts.adopt(drift.id())));
        adopt.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        adopt.addClassName("adopt-cvat-state");
        Button restore = new Button("Restore workflow's state", click -> act(() -> drifts.restore(drift.id())));
        restore.addThemeVariants(ButtonVariant.LUMO_SMALL);
        restore.addClassName("restore-workflow-state");
        HorizontalLayout actions = new HorizontalLayout(adopt, restore);
        actions.getStyle().set("flex-wrap", "wrap");
        return actions;
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
