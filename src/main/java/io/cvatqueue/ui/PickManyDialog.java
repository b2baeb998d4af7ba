package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Choose several CVAT items (tasks, projects) at once, with a filter by name or id, and act on them in one step. */
class PickManyDialog<T> extends Dialog {

    final Grid<T> grid = new Grid<>();
    final Button confirm;

    PickManyDialog(String id, String title, String hint, List<T> items, Function<T, Object> idOf,
                   Function<T, String> nameOf, Function<T, String> detailOf, String action, Consumer<Set<T>> onConfirm) {
        setId(id);
        setHeaderTitle(title);
        setWidth("min(640px, 95vw)");
        grid.setId(id + "-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(t -> "#" + idOf.apply(t)).setHeader("ID").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(nameOf::apply).setHeader("Name").setFlexGrow(2);
        grid.addColumn(detailOf::apply).setHeader("").setAutoWidth(true);
        grid.setItems(items);
        grid.setHeight("320px");
        grid.setEmptyStateText("Nothing left to track in CVAT.");
        TextField filter = new TextField();
        filter.setId(id + "-filter");
        filter.setPlaceholder("Filter by name or id");
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.setWidthFull();
        filter.addValueChangeListener(e -> {
            String wanted = e.getValue().strip().toLowerCase(Locale.ROOT);
            grid.setItems(items.stream().filter(t -> wanted.isEmpty()
                    || nameOf.apply(t).toLowerCase(Locale.ROOT).contains(wanted)
                    || String.valueOf(idOf.apply(t)).equals(wanted)).toList());
        });
        Paragraph help = new Paragraph(hint);
        help.addClassName("muted");
        confirm = new Button(action, click -> {
            Set<T> chosen = grid.getSelectedItems();
            if (chosen.isEmpty()) {
                Feedback.error("Select at least one");
                return;
            }
            close();
            onConfirm.accept(chosen);
        });
        confirm.setId(id + "-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(filter, grid, help);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
