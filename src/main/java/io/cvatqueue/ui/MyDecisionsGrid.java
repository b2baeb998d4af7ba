package io.cvatqueue.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.cvatqueue.review.DecisionHistory;
import io.cvatqueue.review.DecisionHistory.Decision;

/** What one reviewer decided before, newest first, read page by page. */
class MyDecisionsGrid extends Grid<Decision> {

    MyDecisionsGrid(DecisionHistory history, long instanceId, String reviewer) {
        setId("my-decisions");
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setMinHeight("320px");
        addColumn(d -> Formats.time(d.decidedAt())).setHeader("When").setWidth("6.5em").setFlexGrow(0);
        addColumn(Decision::cvatJobId).setHeader("Job").setAutoWidth(true).setFlexGrow(0);
        addColumn(d -> d.taskName() == null ? "#" + d.cvatTaskId() : d.taskName()).setHeader("Task")
                .setFlexGrow(1).setKey("task");
        addColumn(new ComponentRenderer<>(d -> Formats.decisionBadge(d.decision())))
                .setHeader("Decision").setWidth("6em").setFlexGrow(0);
        addColumn(d -> d.note() == null ? "" : d.note()).setHeader("Reason / note").setFlexGrow(2)
                .setKey("note");
        setEmptyStateText("You have not decided on any review yet.");
        NarrowScreens.hideOnNarrow(this, "task");
        DecisionHistory.Filter mine = DecisionHistory.Filter.all(instanceId).withReviewer(reviewer);
        setItems(query -> history.page(mine, query.getOffset(), query.getLimit()).stream(),
                query -> history.count(mine));
    }
}
