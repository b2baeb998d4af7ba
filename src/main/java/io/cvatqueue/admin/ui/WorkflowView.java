package io.cvatqueue.admin.ui;

import io.cvatqueue.ui.PageHeader;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.admin.WorkflowOverviewService;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.cvatqueue.account.Role;
import io.cvatqueue.admin.WorkflowOverviewService.DeployedProcess;
import io.cvatqueue.admin.WorkflowOverviewService.StepCount;
import io.cvatqueue.workflow.WorkflowDeploymentService;
import io.cvatqueue.workflow.WorkflowMigrationService;
import io.cvatqueue.workflow.WorkflowVersion;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Admin > Workflow: the deployed BPMN diagrams with the number of process instances waiting at each step,
 * straight from Camunda; below, the versions (compare, roll back, migrate) and deploying a new one.
 */
@Route("admin/workflow")
@PageTitle("Workflow | CVAT Queue Manager")
@RolesAllowed(Role.ADMIN_NAME)
public class WorkflowView extends Div {


    private final WorkflowOverviewService overview;

    final Select<DeployedProcess> process = new Select<>();
    final BpmnViewer diagram = new BpmnViewer();
    final Grid<StepCount> steps = new Grid<>(StepCount.class, false);
    final Span deployment = new Span();
    final Anchor cockpit = new Anchor();
    final Anchor download = new Anchor();
    final Button edit = new Button("Edit", VaadinIcon.EDIT.create());
    final Button refresh = new Button("Refresh counts", VaadinIcon.REFRESH.create());
    final WorkflowVersionsPanel versions;
    final WorkflowDeployPanel deploy;

    public WorkflowView(WorkflowOverviewService overview, WorkflowDeploymentService deployments,
                        WorkflowMigrationService migrations) {
        this.overview = overview;
        this.versions = new WorkflowVersionsPanel(deployments, migrations, this::deployed, (xml, changes) -> {
            diagram.setDiagram(xml);
            diagram.setChanges(changes);
        });
        this.deploy = new WorkflowDeployPanel(deployments, this::deployed);
        addClassName("page");
        addClassName("workflow-page");

        process.setLabel("Process");
        process.setItemLabelGenerator(p -> p.name() + " (" + p.key() + ")");
        process.setId("process");
        process.setWidth("20em");
        process.setMaxWidth("100%");
        process.addValueChangeListener(event -> {
            if (event.getValue() != null) {
                show(event.getValue());
            }
        });

        refresh.setId("refresh-counts");
        refresh.addClickListener(click -> refreshCounts());

        cockpit.setText("Open in Camunda Cockpit");
        cockpit.setTarget(AnchorTarget.BLANK);
        cockpit.setId("cockpit-link");

        deployment.setId("deployment");
        deployment.addClassName("workflow-deployment");

        download.setText("Download .bpmn");
        download.setId("download-bpmn");
        download.getElement().setAttribute("download", true);

        edit.setId("edit-workflow");
        edit.addClickListener(click -> {
            if (process.getValue() != null) {
                edit.getUI().ifPresent(ui -> ui.navigate(WorkflowEditorView.class,
                        new RouteParameters("process", process.getValue().key())));
            }
        });

        HorizontalLayout toolbar = new HorizontalLayout(process, edit, refresh, cockpit, download);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        diagram.setId("diagram");

        steps.addColumn(StepCount::name).setHeader("Step").setKey("step").setFlexGrow(1);
        steps.addColumn(StepCount::waiting).setHeader("Waiting").setKey("waiting").setAutoWidth(true)
                .setFlexGrow(0);
        steps.addColumn(StepCount::failedJobs).setHeader("Failed").setKey("failedJobs").setAutoWidth(true)
                .setFlexGrow(0);
        steps.addColumn(StepCount::incidents).setHeader("Incidents").setKey("incidents").setAutoWidth(true)
                .setFlexGrow(0);
        steps.setPartNameGenerator(step -> step.incidents() + step.failedJobs() > 0 ? "step-trouble"
                : step.waiting() > 0 ? "step-busy" : null);
        steps.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        steps.setAllRowsVisible(true);
        steps.setId("step-counts");

        Div panels = new Div(diagram, steps);
        panels.addClassName("workflow-panels");

        Paragraph note = new Paragraph("The first versions come from processes/*.bpmn. Deploy new ones from Camunda "
                + "Modeler (to /engine-rest) or below; a restart deploys a processes/ file only when that file "
                + "changed, so it never undoes a version deployed here. Running instances stay on the version they "
                + "started with until migrated, so the counts add up all versions. Badges: blue = instances "
                + "waiting at the step, red = failed jobs and incidents.");
        note.addClassName("admin-intro");

        add(new PageHeader("Workflow"), toolbar, deployment, panels, note, versions, deploy);

        List<DeployedProcess> processes = overview.processes();
        process.setItems(processes);
        if (!processes.isEmpty()) {
            process.setValue(processes.get(0));
        } else {
            deployment.setText("No process is deployed.");
        }
    }

    private void show(DeployedProcess shown) {
        String xml = overview.bpmnXml(shown.definitionId());
        diagram.setDiagram(xml);
        diagram.setChanges(List.of());
        // the version shown, as deployed: to edit in Camunda Modeler or to commit into processes/
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        download.setHref(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                new ByteArrayInputStream(bytes), shown.key() + ".bpmn", "application/xml", bytes.length)));
        cockpit.setHref("/camunda/app/cockpit/default/#/process-definition/" + shown.definitionId() + "/runtime");
        describe(shown);
        showCounts(shown.key());
        versions.show(shown.key());
        deploy.show(shown.key());
    }

    /** A new version (deployed, rolled back to) becomes the shown diagram. */
    private void deployed(WorkflowVersion version) {
        List<DeployedProcess> processes = overview.processes();
        process.setItems(processes);
        processes.stream().filter(p -> p.key().equals(version.processKey())).findFirst().ifPresent(process::setValue);
    }

    private void refreshCounts() {
        DeployedProcess shown = process.getValue();
        if (shown == null) {
            return;
        }
        DeployedProcess current = overview.latest(shown.key());
        if (!current.definitionId().equals(shown.definitionId())) {
            // redeployed by another node meanwhile: show the new diagram
            process.setItems(overview.processes());
            process.setValue(current);
            return;
        }
        describe(current);
        showCounts(current.key());
    }

    private void describe(DeployedProcess p) {
        String deployed = p.deployedAt() == null ? "at an unknown time" : Formats.timeWithSeconds(p.deployedAt());
        StringBuilder text = new StringBuilder("Version ").append(p.version()).append(" of ").append(p.versionCount())
                .append(", deployed ").append(deployed)
                .append(" · ").append(p.activeInstances()).append(" running instance")
                .append(p.activeInstances() == 1 ? "" : "s");
        if (p.nextTimerStart() != null) {
            text.append(" · next start by timer ").append(Formats.timeWithSeconds(p.nextTimerStart()));
        }
        deployment.setText(text.toString());
    }

    private void showCounts(String key) {
        List<StepCount> counts = overview.stepCounts(key);
        diagram.setCounts(counts);
        steps.setItems(counts);
    }
}
