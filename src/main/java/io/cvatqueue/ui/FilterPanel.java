package io.cvatqueue.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;

import java.util.List;

/**
 * A list's filters in a row that wraps. On a phone they fold behind one "Filters" button (saying how many are
 * set), so the first rows of the list are on the first screen.
 */
public class FilterPanel extends Div {

    final Button toggle = new Button();
    final FlexLayout bar = new FlexLayout();
    private final List<? extends HasValue<?, ?>> fields;

    @SafeVarargs
    public <F extends Component & HasValue<?, ?>> FilterPanel(String id, F... fields) {
        this.fields = List.of(fields);
        addClassName("filter-panel");
        setWidthFull();
        toggle.setId(id + "-toggle");
        toggle.addClassName("filter-panel-toggle");
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        toggle.setIcon(VaadinIcon.FILTER.create());
        toggle.addClickListener(click -> setOpen(!isOpen()));
        bar.setId(id);
        bar.addClassName("filter-bar");
        bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.add(fields);
        for (F field : fields) {
            field.addValueChangeListener(change -> updateToggle());
        }
        add(toggle, bar);
        updateToggle();
    }

    public boolean isOpen() {
        return hasClassName("open");
    }

    /** Only matters on narrow screens: on wider ones the filters are always shown. */
    public void setOpen(boolean open) {
        setClassName("open", open);
        updateToggle();
    }

    private void updateToggle() {
        long set = fields.stream().filter(f -> !f.isEmpty()).count();
        toggle.setText((isOpen() ? "Hide filters" : "Filters") + (set == 0 ? "" : " (" + set + " set)"));
    }
}
