package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.vaadin.flow.component.Component;

/** All text inside a component, as a user reads it. */
final class BasicText {

    private BasicText() {
    }

    static String of(Component component) {
        return BasicUtilsKt.get_textRecursively(component);
    }
}
