package io.cvatqueue.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.workflow.ElementChange;
import io.cvatqueue.workflow.WorkflowDeploymentService;
import io.cvatqueue.workflow.WorkflowMigrationService;
import io.cvatqueue.workflow.WorkflowVersion;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The versions of one process: who deployed each, when, why and how many instances still run on it; compare any
 * two, roll back to one, migrate an old version's instances to the newest.
 */
class WorkflowVersionsPanel extends Div {

    private final WorkflowDeploymentService deployments;
    private final WorkflowMigrationService migrations;
    private final Consumer<WorkflowVersion> onNewVersion;
    private final BiConsumer<String, List<ElementChange>> onCompared;
    private String processKey;

    final Grid<WorkflowVersion> versions = new Grid<>();
    final Select<WorkflowVersion> from = new Select<>();
    final Select<WorkflowVersion> to = new Select<>();
    final Button compare = new Button("Compare");
    final Grid<ElementChange> changes = new Grid<>();
    final Span noChanges = new Span("No differences (layout is not compared).");

    WorkflowVersionsPanel(WorkflowDeploymentService deployments, WorkflowMigrationService migrations,
                          Consumer<WorkflowVersion> onNewVersion,
                          BiConsumer<String, List<ElementChange>> onCompared) {
        this.deployments = deployments;
        this.migrations = migrations;
        this.onNewVersion = onNewVersion;
        this.onCompared = onCompared;
        addClassName("workflow-versions");

        versions.setId("versions");
        versions.addColumn(WorkflowVersion::version).setHeader("Version").setKey("version").setAutoWidth(true)
                .setFlexGrow(0);
        versions.addColumn(v -> Formats.time(v.deployedAt())).setHeader("Deployed").setKey("deployedAt")
                .setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(v -> v.deployedBy() == null ? "" : v.deployedBy()).setHeader("By").setKey("deployedBy")
                .setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(WorkflowVersionsPanel::comment).setHeader("Comment").setKey("comment").setFlexGrow(1);
        versions.addColumn(WorkflowVersion::runningInstances).setHeader("Running").setKey("running")
                .setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(new ComponentRenderer<>(this::actions)).setHeader("").setKey("actions").setAutoWidth(true)
                .setFlexGrow(0);
        versions.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        versions.setAllRowsVisible(true);

        from.setLabel("Compare version");
        to.setLabel("with version");
        from.setId("diff-from");
        to.setId("diff-to");
        from.setItemLabelGenerator(v -> String.valueOf(v.version()));
        to.setItemLabelGenerator(v -> String.valueOf(v.version()));
        compare.setId("compare");
        compare.addClickListener(click -> compare());
        HorizontalLayout diffBar = new HorizontalLayout(from, to, compare);
        diffBar.setAlignItems(FlexComponent.Alignment.BASELINE);

        changes.setId("changes");
        changes.addColumn(c -> c.kind().name().toLowerCase()).setHeader("Change").setKey("kind").setAutoWidth(true)
                .setFlexGrow(0);
        changes.addColumn(ElementChange::elementId).setHeader("Element").setKey("element").setAutoWidth(true);
        changes.addColumn(c -> c.name() == null ? "" : c.name()).setHeader("Name").setKey("name");
        changes.addColumn(ElementChange::type).setHeader("Type").setKey("type").setAutoWidth(true).setFlexGrow(0);
        changes.addColumn(c -> c.detail() == null ? "" : c.detail()).setHeader("What changed").setKey("detail");
        changes.setPartNameGenerator(c -> "change-" + c.kind().name().toLowerCase());
        changes.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        changes.setAllRowsVisible(true);
        changes.setVisible(false);
        noChanges.setVisible(false);

        add(new H3("Versions"), versions, diffBar, changes, noChanges);
    }

    void show(String key) {
        this.processKey = key;
        refresh();
    }

    void refresh() {
        List<WorkflowVersion> all = deployments.versions(processKey);
        versions.setItems(all);
        from.setItems(all);
        to.setItems(all);
        if (all.size() > 1) {
            from.setValue(all.get(1));
            to.setValue(all.get(0));
        }
        changes.setVisible(false);
        noChanges.setVisible(false);
    }

    private static String comment(WorkflowVersion v) {
        String comment = v.comment() == null ? "" : v.comment();
        return "classpath".equals(v.source()) ? "From processes/ in the app (" + comment + ")"
                : v.source() == null || v.source().isBlank() ? comment : comment + " · via " + v.source();
    }

    private HorizontalLayout actions(WorkflowVersion version) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (version.latest()) {
            actions.add(new Span("newest"));
            return actions;
        }
        Button rollback = new Button("Roll back to this", click -> confirmRollback(version));
        rollback.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        rollback.setId("rollback-" + version.version());
        actions.add(rollback);
        if (version.runningInstances() > 0) {
            Button migrate = new Button("Migrate instances…", click -> new MigrationDialog(migrations, version,
                    this::refresh).open());
            migrate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            migrate.setId("migrate-" + version.version());
            actions.add(migrate);
        }
        return actions;
    }

    private void confirmRollback(WorkflowVersion version) {
        ConfirmDialog confirm = new ConfirmDialog("Roll back to version " + version.version() + "?",
                "Its diagram is deployed again as the newest version. New reviews start on it; running ones stay "
                        + "where they are until migrated.", "Roll back", event -> rollback(version));
        confirm.setCancelable(true);
        confirm.open();
    }

    void rollback(WorkflowVersion version) {
        try {
            WorkflowVersion deployed = deployments.rollback(version.definitionId());
            Feedback.success("Version " + version.version() + " deployed again as version " + deployed.version());
            onNewVersion.accept(deployed);
        } catch (RuntimeException e) {
            Feedback.error(Feedback.describe(e));
        }
    }

    void compare() {
        if (from.getValue() == null || to.getValue() == null) {
            return;
        }
        List<ElementChange> found = deployments.diff(from.getValue().definitionId(), to.getValue().definitionId());
        changes.setItems(found);
        changes.setVisible(!found.isEmpty());
        noChanges.setVisible(found.isEmpty());
        // the later version's diagram, with its added and changed elements marked
        onCompared.accept(deployments.bpmnXml(to.getValue().definitionId()), found);
    }
}
