package io.cvatqueue.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.shared.Registration;

import java.util.List;
import java.util.Objects;

/** Hides secondary grid columns on phone-sized windows, so the columns that matter keep readable widths. */
public final class NarrowScreens {

    static final int NARROW_BELOW_PX = 700;

    private NarrowScreens() {
    }

    public static void hideOnNarrow(Grid<?> grid, String... columnKeys) {
        List<Grid.Column<?>> columns = java.util.Arrays.stream(columnKeys).map(grid::getColumnByKey)
                .filter(Objects::nonNull).<Grid.Column<?>>map(c -> c).toList();
        grid.addAttachListener(attach -> {
            UI ui = attach.getUI();
            ui.getPage().retrieveExtendedClientDetails(details -> apply(columns, details.getWindowInnerWidth()));
            Registration resize = ui.getPage().addBrowserWindowResizeListener(e -> apply(columns, e.getWidth()));
            grid.addDetachListener(detach -> {
                resize.remove();
                detach.unregisterListener();
            });
        });
    }

    private static void apply(List<Grid.Column<?>> columns, int windowWidth) {
        boolean wide = windowWidth <= 0 || windowWidth >= NARROW_BELOW_PX;
        columns.forEach(c -> c.setVisible(wide));
    }
}
