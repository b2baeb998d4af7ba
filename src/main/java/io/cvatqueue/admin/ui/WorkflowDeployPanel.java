package io.cvatqueue.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.workflow.WorkflowDeploymentService;
import io.cvatqueue.workflow.WorkflowProblem;
import io.cvatqueue.workflow.WorkflowValidationException;
import io.cvatqueue.workflow.WorkflowVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Deploys a .bpmn file (saved from Camunda Modeler) as a new version with a comment, after the same checks a
 * deployment through /engine-rest gets; the problems show per element.
 */
class WorkflowDeployPanel extends Div {

    private final WorkflowDeploymentService deployments;
    private final Consumer<WorkflowVersion> onDeployed;
    private String processKey;
    String xml;

    final Upload upload;
    final Span file = new Span("No file chosen");
    final TextField comment = new TextField("Comment");
    final Button validate = new Button("Validate", VaadinIcon.CHECK_CIRCLE_O.create());
    final Button deploy = new Button("Deploy as new version", VaadinIcon.UPLOAD_ALT.create());
    final ProblemList problems = new ProblemList();

    WorkflowDeployPanel(WorkflowDeploymentService deployments, Consumer<WorkflowVersion> onDeployed) {
        this.deployments = deployments;
        this.onDeployed = onDeployed;
        addClassName("workflow-deploy");

        upload = new Upload(UploadHandler.inMemory((metadata, bytes) ->
                setXml(metadata.fileName(), new String(bytes, StandardCharsets.UTF_8))));
        upload.setAcceptedFileTypes(".bpmn", ".xml");
        upload.setMaxFiles(1);
        upload.setId("bpmn-upload");
        file.setId("bpmn-file");
        comment.setId("deploy-comment");
        comment.setPlaceholder("What does this version change?");
        comment.setMaxLength(255);
        comment.setWidth("30em");
        comment.setMaxWidth("100%");
        validate.setId("validate-bpmn");
        validate.addClickListener(click -> validate());
        deploy.setId("deploy-bpmn");
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.addClickListener(click -> deploy());
        problems.setId("deploy-problems");

        HorizontalLayout actions = new HorizontalLayout(comment, validate, deploy);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        actions.setWrap(true);
        add(new H3("Deploy a new version"), new Paragraph("Upload a diagram saved from Camunda Modeler (or deploy "
                + "from the Modeler to /engine-rest). It is checked by Camunda's parser, the Modeler's lint rules and "
                + "the app's own contract before anything is deployed."), upload, file, actions, problems);
        setXml(null, null);
    }

    void show(String key) {
        this.processKey = key;
    }

    void setXml(String fileName, String bpmnXml) {
        this.xml = bpmnXml;
        file.setText(fileName == null ? "No file chosen" : fileName);
        validate.setEnabled(bpmnXml != null);
        deploy.setEnabled(bpmnXml != null);
        problems.show(List.of());
    }

    private void validate() {
        try {
            List<WorkflowProblem> found = deployments.validate(processKey, xml);
            problems.show(found);
            if (found.isEmpty()) {
                Feedback.success("The diagram passes every check");
            } else {
                Feedback.error(found.size() + " problem" + (found.size() == 1 ? "" : "s") + " found");
            }
        } catch (RuntimeException e) {
            Feedback.error(Feedback.describe(e));
        }
    }

    private void deploy() {
        try {
            WorkflowVersion version = deployments.deploy(processKey, xml, comment.getValue());
            Feedback.success("Deployed as version " + version.version());
            comment.clear();
            upload.clearFileList();
            setXml(null, null);
            onDeployed.accept(version);
        } catch (WorkflowValidationException e) {
            problems.show(e.problems());
            Feedback.error("Not deployed: " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
        } catch (RuntimeException e) {
            Feedback.error(Feedback.describe(e));
        }
    }
}
