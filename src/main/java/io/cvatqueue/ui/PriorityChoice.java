package io.cvatqueue.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import io.cvatqueue.settings.Priority;

import java.util.Arrays;
import java.util.List;

/** Picks a priority, most urgent first; and how a priority reads in grids. */
public class PriorityChoice extends ComboBox<Priority> {

    static final List<Priority> MOST_URGENT_FIRST = Arrays.stream(Priority.values())
            .sorted((a, b) -> Integer.compare(b.rank(), a.rank())).toList();

    public PriorityChoice(String label) {
        super(label);
        setItems(MOST_URGENT_FIRST);
        setItemLabelGenerator(Priority::label);
    }

    /** A badge for a priority: Normal stays plain so that the exceptions stand out. */
    public static Span badge(Priority priority) {
        Span badge = new Span(priority.label());
        badge.addClassName("priority-" + priority.name().toLowerCase(java.util.Locale.ROOT));
        switch (priority) {
            case URGENT -> badge.getElement().getThemeList().add("badge error primary");
            case HIGH -> badge.getElement().getThemeList().add("badge error");
            case LOW -> badge.getElement().getThemeList().add("badge contrast");
            default -> badge.getElement().getThemeList().add("badge");
        }
        return badge;
    }
}
