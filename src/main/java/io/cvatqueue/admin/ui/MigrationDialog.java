package io.cvatqueue.admin.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.workflow.MigrationPreview;
import io.cvatqueue.workflow.MigrationPreview.ActivityMapping;
import io.cvatqueue.workflow.MigrationProgress;
import io.cvatqueue.workflow.MigrationProgress.InstanceOutcome;
import io.cvatqueue.workflow.WorkflowMigrationService;
import io.cvatqueue.workflow.WorkflowVersion;

import java.util.ArrayList;
import java.util.List;

/**
 * Migrating the running instances of an old version to the newest: first the preview (where instances wait and
 * which of those steps the new version lacks), then the Camunda batch with its progress, polled every second,
 * and what failed or stayed, per instance.
 */
class MigrationDialog extends Dialog {

    private final WorkflowMigrationService migrations;
    private final Runnable onChange;
    private Long migrationId;
    private Registration polling;

    final Grid<ActivityMapping> activities = new Grid<>();
    final Paragraph summary = new Paragraph();
    final Button start = new Button("Migrate");
    final ProgressBar progressBar = new ProgressBar();
    final Span progressText = new Span();
    final Grid<InstanceOutcome> outcomes = new Grid<>();

    MigrationDialog(WorkflowMigrationService migrations, WorkflowVersion source, Runnable onChange) {
        this.migrations = migrations;
        this.onChange = onChange;
        setHeaderTitle("Migrate instances of version " + source.version());
        setWidth("48em");
        setMaxWidth("100%");

        activities.setId("migration-activities");
        activities.addColumn(ActivityMapping::activityId).setHeader("Waiting at").setKey("activity");
        activities.addColumn(ActivityMapping::instances).setHeader("Instances").setKey("instances")
                .setAutoWidth(true).setFlexGrow(0);
        activities.addColumn(a -> a.mapped() ? "→ " + a.targetActivityId()
                : "no counterpart: stays on version " + source.version()).setHeader("In the newest version")
                .setKey("target");
        activities.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        activities.setAllRowsVisible(true);

        outcomes.setId("migration-outcomes");
        outcomes.addColumn(o -> o.businessKey() == null ? o.processInstanceId() : o.businessKey())
                .setHeader("Instance").setKey("instance").setAutoWidth(true);
        outcomes.addColumn(InstanceOutcome::reason).setHeader("Outcome").setKey("reason");
        outcomes.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        outcomes.setAllRowsVisible(true);
        outcomes.setVisible(false);

        progressBar.setVisible(false);
        progressText.setId("migration-progress");
        start.setId("start-migration");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(click -> start(source));
        Button close = new Button("Close", click -> close());
        getFooter().add(close, start);
        add(summary, activities, progressBar, progressText, outcomes);

        try {
            MigrationPreview preview = migrations.preview(source.definitionId());
            activities.setItems(preview.activities());
            summary.setText(preview.migratable() + " instance" + (preview.migratable() == 1 ? "" : "s")
                    + " can move to version " + preview.targetVersion() + " (activities mapped by equal ids); "
                    + preview.staying() + " wait at a step the new version lacks and keep running on version "
                    + preview.sourceVersion() + "." + (preview.planProblems().isEmpty() ? ""
                    : " Camunda refuses: " + String.join("; ", preview.planProblems())));
            start.setText("Migrate " + preview.migratable() + " instance" + (preview.migratable() == 1 ? "" : "s"));
            start.setEnabled(preview.migratable() > 0 && preview.planProblems().isEmpty());
        } catch (RuntimeException e) {
            summary.setText(Feedback.describe(e));
            start.setEnabled(false);
        }
    }

    void start(WorkflowVersion source) {
        try {
            migrationId = migrations.start(source.definitionId());
            start.setEnabled(false);
            progressBar.setVisible(true);
            showProgress();
            getUI().ifPresent(ui -> ui.setPollInterval(1000));
        } catch (RuntimeException e) {
            Feedback.error(Feedback.describe(e));
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        polling = attachEvent.getUI().addPollListener(event -> showProgress());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopPolling(detachEvent.getUI());
        super.onDetach(detachEvent);
    }

    void showProgress() {
        if (migrationId == null) {
            return;
        }
        MigrationProgress progress = migrations.progress(migrationId);
        progressBar.setMax(Math.max(1, progress.inBatch()));
        progressBar.setValue(progress.inBatch() - progress.pending());
        progressText.setText(progress.migrated() + " of " + progress.inBatch() + " migrated"
                + (progress.ended() > 0 ? ", " + progress.ended() + " ended meanwhile" : "")
                + (progress.failed().isEmpty() ? "" : ", " + progress.failed().size() + " failed")
                + (progress.staying().isEmpty() ? "" : ", " + progress.staying().size() + " stay on their version")
                + (progress.finished() ? " · done" : " · running"));
        List<InstanceOutcome> listed = new ArrayList<>(progress.failed());
        listed.addAll(progress.staying());
        outcomes.setItems(listed);
        outcomes.setVisible(!listed.isEmpty());
        if (progress.finished()) {
            getUI().ifPresent(this::stopPolling);
            onChange.run();
        }
    }

    private void stopPolling(UI ui) {
        ui.setPollInterval(-1);
        if (polling != null && !isOpened()) {
            polling.remove();
            polling = null;
        }
    }
}
