package io.cvatqueue.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;

/** A page's title with its page-wide actions (Refresh, Export, Track task) at the right; they wrap on phones. */
public class PageHeader extends FlexLayout {

    final H2 title;

    public PageHeader(String text, Component... actions) {
        title = new H2(text);
        title.addClassName("page-title");
        addClassName("page-header");
        setWidthFull();
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        add(title);
        add(actions);
        setFlexGrow(1, title);
    }
}
