package io.cvatqueue.analytics.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.cvatqueue.analytics.RefreshSummary;
import io.cvatqueue.analytics.SnapshotService;
import io.cvatqueue.analytics.TaskRefresh;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.ui.LiveRefresh;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Refreshes a task's annotation snapshots in the background: the button, the progress while CVAT is read, and what
 * the last refresh did (with the jobs CVAT did not give).
 */
class SnapshotRefreshBar extends Div {

    private final SnapshotService snapshots;
    private final long instanceId;
    private final long cvatTaskId;
    private final Runnable onRefreshed;

    final Button refreshButton = new Button("Refresh", VaadinIcon.REFRESH.create());
    private final ProgressBar progress = new ProgressBar();
    private final Span refreshStatus = new Span();
    private final Div refreshErrors = new Div();
    /** Set while a refresh runs; the button is disabled too, this also covers a fast second click. */
    private boolean refreshing;

    SnapshotRefreshBar(SnapshotService snapshots, long instanceId, long cvatTaskId, Runnable onRefreshed) {
        this.snapshots = snapshots;
        this.instanceId = instanceId;
        this.cvatTaskId = cvatTaskId;
        this.onRefreshed = onRefreshed;
        setWidthFull();
        refreshButton.setId("refresh-analytics");
        refreshButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // the browser disables the button at once, so a double click sends one click; the server enables it again
        refreshButton.setDisableOnClick(true);
        refreshButton.addClickListener(click -> startRefresh());
        progress.setId("refresh-progress");
        progress.setVisible(false);
        progress.setWidth("12rem");
        refreshStatus.setId("refresh-status");
        refreshErrors.setId("refresh-errors");
        HorizontalLayout toolbar = new HorizontalLayout(refreshButton, progress, refreshStatus);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("flex-wrap", "wrap").set("margin-top", "var(--lumo-space-s)");
        add(toolbar, refreshErrors);
        showLastRefresh();
    }

    private void startRefresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        refreshButton.setEnabled(false);
        progress.setIndeterminate(true);
        progress.setVisible(true);
        refreshStatus.setText("Listing the task's jobs in CVAT…");
        refreshErrors.removeAll();
        UI ui = UI.getCurrent();
        snapshots.refreshTaskInBackground(instanceId, cvatTaskId, (done, total) -> LiveRefresh.now(ui, this, () -> {
                    progress.setIndeterminate(false);
                    progress.setMin(0);
                    progress.setMax(Math.max(total, 1));
                    progress.setValue(done);
                    refreshStatus.setText(total == 0 ? "No job changed since the last snapshot"
                            : "Downloading annotations of changed jobs: " + done + " of " + total);
                }))
                // the user may have left meanwhile: the result is saved and shown next time
                .whenComplete((summary, failure) -> LiveRefresh.now(ui, this, () -> finish(summary, failure)));
    }

    private void finish(RefreshSummary summary, Throwable failure) {
        refreshing = false;
        refreshButton.setEnabled(true);
        progress.setVisible(false);
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String message = "Refresh failed: " + Feedback.describe(cause);
            refreshStatus.setText(message);
            Feedback.error(message);
            return;
        }
        onRefreshed.run();
        if (summary.failed() == 0) {
            Feedback.success("Refreshed: " + summary.describe());
        } else {
            Feedback.error("Refreshed with failures: " + summary.describe());
        }
    }

    private void showLastRefresh() {
        refreshErrors.removeAll();
        TaskRefresh refresh = snapshots.lastRefresh(instanceId, cvatTaskId).orElse(null);
        if (refresh == null) {
            refreshStatus.setText("Not refreshed yet");
            return;
        }
        RefreshSummary summary = new RefreshSummary(refresh.cvatTaskId(), refresh.refreshedAt(), refresh.jobs(),
                refresh.downloaded(), refresh.unchanged(), refresh.failed(), List.of());
        refreshStatus.setText("Last refresh " + Formats.time(refresh.refreshedAt()) + ": " + summary.describe());
        if (refresh.failed() > 0 && refresh.errors() != null) {
            UnorderedList errors = new UnorderedList();
            Arrays.stream(refresh.errors().split("\n")).map(ListItem::new).forEach(errors::add);
            Paragraph intro = new Paragraph(refresh.failed() == 1
                    ? "CVAT did not give the annotations of one job; the next refresh tries it again:"
                    : "CVAT did not give the annotations of " + refresh.failed()
                    + " jobs; the next refresh tries them again:");
            refreshErrors.add(intro, errors);
            refreshErrors.getStyle().set("color", "var(--lumo-error-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
        }
    }
}
