package io.cvatqueue.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.cvatqueue.account.Role;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.workflow.AppProcessContract;
import io.cvatqueue.workflow.WorkflowDeploymentService;
import io.cvatqueue.workflow.WorkflowProblem;
import io.cvatqueue.workflow.WorkflowValidationException;
import io.cvatqueue.workflow.WorkflowVersion;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * Admin > Workflow > Edit: the newest version of a process in the in-app modeler (palette, Camunda properties
 * panel, the app's element templates, undo/redo), validated and deployed by the same server-side checks as a
 * deployment from Camunda Modeler. Address: admin/workflow/edit/job-review.
 */
@Route("admin/workflow/edit/:process?")
@PageTitle("Edit workflow | CVAT Queue Manager")
@RolesAllowed(Role.ADMIN_NAME)
public class WorkflowEditorView extends Div implements BeforeEnterObserver {

    private final WorkflowDeploymentService deployments;
    private String processKey;

    final H2 title = new H2("Edit workflow");
    final Paragraph opened = new Paragraph();
    final BpmnModeler modeler = new BpmnModeler();
    final Button undo = new Button(VaadinIcon.ARROW_BACKWARD.create());
    final Button redo = new Button(VaadinIcon.ARROW_FORWARD.create());
    final Button validate = new Button("Validate", VaadinIcon.CHECK_CIRCLE_O.create());
    final TextField comment = new TextField();
    final Button deploy = new Button("Deploy as new version", VaadinIcon.UPLOAD_ALT.create());
    final Button download = new Button("Download .bpmn", VaadinIcon.DOWNLOAD.create());
    final ProblemList problems = new ProblemList();

    public WorkflowEditorView(WorkflowDeploymentService deployments) {
        this.deployments = deployments;
        addClassName("page");
        addClassName("workflow-editor");

        undo.setId("modeler-undo");
        undo.setTooltipText("Undo (Ctrl+Z)");
        undo.setEnabled(false);
        undo.addClickListener(click -> modeler.undo());
        redo.setId("modeler-redo");
        redo.setTooltipText("Redo (Ctrl+Y)");
        redo.setEnabled(false);
        redo.addClickListener(click -> modeler.redo());
        modeler.addStackChangedListener(event -> {
            undo.setEnabled(event.canUndo());
            redo.setEnabled(event.canRedo());
        });
        validate.setId("modeler-validate");
        validate.addClickListener(click -> modeler.requestXml(this::showValidation, Feedback::error));
        comment.setId("modeler-comment");
        comment.setPlaceholder("What does this version change?");
        comment.setMaxLength(255);
        comment.setWidth("24em");
        comment.setMaxWidth("100%");
        deploy.setId("modeler-deploy");
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.addClickListener(click -> modeler.requestXml(this::deploy, Feedback::error));
        download.setId("modeler-download");
        download.addClickListener(click -> modeler.download(processKey + ".bpmn"));
        modeler.setId("modeler");
        problems.setId("modeler-problems");

        HorizontalLayout toolbar = new HorizontalLayout(undo, redo, validate, comment, deploy, download,
                new RouterLink("Back to the workflow", WorkflowView.class));
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);
        opened.setId("modeler-opened");
        add(title, opened, toolbar, problems, modeler);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String key = event.getRouteParameters().get("process").orElse(AppProcessContract.PROCESS_KEYS.get(0));
        if (!AppProcessContract.PROCESS_KEYS.contains(key)) {
            event.rerouteToError(IllegalArgumentException.class, "No process " + key);
            return;
        }
        open(key);
    }

    void open(String key) {
        this.processKey = key;
        WorkflowVersion latest = deployments.latest(key);
        title.setText("Edit workflow: " + key);
        opened.setText("Opened version " + latest.version() + (latest.comment() == null ? "" : " (" + latest.comment()
                + ")") + ". Changes stay in this page until you deploy them as a new version.");
        modeler.setTemplates(deployments.elementTemplates());
        modeler.setDiagram(deployments.bpmnXml(latest.definitionId()));
        problems.show(List.of());
    }

    void showValidation(String xml) {
        List<WorkflowProblem> found = deployments.validate(processKey, xml);
        problems.show(found);
        if (found.isEmpty()) {
            Feedback.success("The diagram passes every check");
        } else {
            Feedback.error(found.size() + " problem" + (found.size() == 1 ? "" : "s") + " found");
        }
    }

    void deploy(String xml) {
        try {
            WorkflowVersion version = deployments.deploy(processKey, xml, comment.getValue());
            problems.show(List.of());
            comment.clear();
            Feedback.success("Deployed as version " + version.version());
            getUI().ifPresent(ui -> ui.navigate(WorkflowView.class));
        } catch (WorkflowValidationException e) {
            problems.show(e.problems());
            Feedback.error("Not deployed: " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
        } catch (RuntimeException e) {
            Feedback.error(Feedback.describe(e));
        }
    }
}
