package io.cvatqueue.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Redraws part of a page from another thread (a push, a timer) through server push, if the page is still open. */
public final class LiveRefresh {

    private LiveRefresh() {
    }

    /** Runs {@code redraw} in {@code ui} while {@code component} is on screen; nothing when the tab is gone. */
    public static void now(UI ui, Component component, Runnable redraw) {
        if (!ui.isAttached()) {
            return;
        }
        try {
            ui.access(() -> {
                if (component.isAttached()) {
                    redraw.run();
                }
            });
        } catch (UIDetachedException closedMeanwhile) {
            // the user left or closed the tab: nothing to redraw
        }
    }

    /** {@link #now} after a delay, e.g. once the workflow has moved on after telling CVAT. */
    public static void after(Duration delay, Component component, Runnable redraw) {
        UI ui = UI.getCurrent();
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> now(ui, component, redraw));
    }
}
