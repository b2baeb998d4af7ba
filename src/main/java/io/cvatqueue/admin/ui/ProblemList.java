package io.cvatqueue.admin.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import io.cvatqueue.workflow.WorkflowProblem;

import java.util.List;

/** Why a diagram was refused, one row per problem with the element it is about. */
class ProblemList extends Grid<WorkflowProblem> {

    ProblemList() {
        addColumn(p -> p.elementId() == null ? "(file)" : p.elementId()).setHeader("Element").setKey("element")
                .setAutoWidth(true).setFlexGrow(0);
        addColumn(p -> p.source().label()).setHeader("Check").setKey("check").setAutoWidth(true).setFlexGrow(0);
        addColumn(WorkflowProblem::message).setHeader("Problem").setKey("message").setFlexGrow(1);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setAllRowsVisible(true);
        setVisible(false);
    }

    void show(List<WorkflowProblem> problems) {
        setItems(problems);
        setVisible(!problems.isEmpty());
    }
}
