package io.cvatqueue.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A figure with a label (and optionally a detail line), for the top of overview pages. */
public class StatCard extends Div {

    final Span value = new Span();

    public StatCard(String id, String label, long number) {
        this(id, label, Long.toString(number));
    }

    public StatCard(String id, String label, String figure) {
        addClassName("stat-card");
        if (id != null) {
            setId(id);
        }
        value.addClassName("stat-value");
        value.setText(figure);
        Span caption = new Span(label);
        caption.addClassName("stat-label");
        add(value, caption);
    }

    /** A smaller line under the label, e.g. what the figure is based on. */
    public StatCard withDetail(String detail) {
        Span line = new Span(detail);
        line.addClassName("stat-detail");
        add(line);
        return this;
    }

    public StatCard highlightedWhen(boolean condition) {
        if (condition) {
            addClassName("stat-card-alert");
        }
        return this;
    }
}
