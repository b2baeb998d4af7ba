package io.cvatqueue.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A number with a label, for the top of overview pages. */
class StatCard extends Div {

    final Span value = new Span();

    StatCard(String id, String label, long number) {
        addClassName("stat-card");
        setId(id);
        value.addClassName("stat-value");
        value.setText(Long.toString(number));
        Span caption = new Span(label);
        caption.addClassName("stat-label");
        add(value, caption);
    }

    StatCard highlightedWhen(boolean condition) {
        if (condition) {
            addClassName("stat-card-alert");
        }
        return this;
    }
}
