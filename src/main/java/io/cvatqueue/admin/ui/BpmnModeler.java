package io.cvatqueue.admin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;

import java.util.function.Consumer;

/**
 * A BPMN editor: bpmn-js Modeler with the Camunda 7 properties panel and the app's element templates, so an admin
 * picks app actions from a list, and live lint with bpmnlint's recommended rules. The client side is frontend/src/bpmn-modeler.js. The edited XML stays in the
 * browser until {@link #requestXml} asks for it.
 */
@Tag("bpmn-modeler")
@NpmPackage(value = "bpmn-js", version = "18.6.2")
@NpmPackage(value = "bpmn-js-properties-panel", version = "5.65.3")
@NpmPackage(value = "@bpmn-io/properties-panel", version = "3.55.0")
@NpmPackage(value = "bpmn-js-element-templates", version = "2.37.0")
@NpmPackage(value = "camunda-bpmn-js-behaviors", version = "1.18.0")
@NpmPackage(value = "camunda-bpmn-moddle", version = "7.0.1")
@NpmPackage(value = "zeebe-bpmn-moddle", version = "2.0.0")
@NpmPackage(value = "bpmn-js-bpmnlint", version = "0.24.0")
@NpmPackage(value = "bpmnlint", version = "11.15.0")
@JsModule("./src/bpmn-modeler.js")
public class BpmnModeler extends Component implements HasSize, HasStyle {

    private String xml;
    private Consumer<String> pending;
    private Consumer<String> failed;

    public BpmnModeler() {
        addClassName("bpmn-modeler");
        addListener(XmlReadyEvent.class, event -> {
            Consumer<String> done = pending;
            Consumer<String> error = failed;
            pending = null;
            failed = null;
            if (event.xml != null) {
                xml = event.xml;
                if (done != null) {
                    done.accept(event.xml);
                }
            } else if (error != null) {
                error.accept(event.error == null ? "The diagram could not be saved" : event.error);
            }
        });
    }

    /** Opens a diagram; the undo history starts empty. */
    public void setDiagram(String bpmnXml) {
        this.xml = bpmnXml;
        getElement().setProperty("xml", bpmnXml);
    }

    /** The diagram as last opened or last received from the browser. */
    public String getDiagram() {
        return xml;
    }

    /** The element templates (a JSON array) offered for service tasks. */
    public void setTemplates(String templatesJson) {
        getElement().setProperty("templates", templatesJson);
    }

    /** Asks the browser for the edited diagram; one of the callbacks runs when it answers. */
    public void requestXml(Consumer<String> onXml, Consumer<String> onError) {
        this.pending = onXml;
        this.failed = onError;
        getElement().callJsFunction("requestXml");
    }

    public void undo() {
        getElement().callJsFunction("undo");
    }

    public void redo() {
        getElement().callJsFunction("redo");
    }

    public void download(String fileName) {
        getElement().callJsFunction("download", fileName);
    }

    public Registration addStackChangedListener(Consumer<StackChangedEvent> listener) {
        return addListener(StackChangedEvent.class, listener::accept);
    }

    /** The browser's answer to {@link #requestXml}. */
    @DomEvent("xml-ready")
    public static class XmlReadyEvent extends ComponentEvent<BpmnModeler> {

        final String xml;
        final String error;

        public XmlReadyEvent(BpmnModeler source, boolean fromClient, @EventData("event.detail.xml") String xml,
                             @EventData("event.detail.error") String error) {
            super(source, fromClient);
            this.xml = xml;
            this.error = error;
        }
    }

    /** The edit history changed: whether undo and redo are possible now. */
    @DomEvent("stack-changed")
    public static class StackChangedEvent extends ComponentEvent<BpmnModeler> {

        private final boolean canUndo;
        private final boolean canRedo;

        public StackChangedEvent(BpmnModeler source, boolean fromClient,
                                 @EventData("event.detail.canUndo") boolean canUndo,
                                 @EventData("event.detail.canRedo") boolean canRedo) {
            super(source, fromClient);
            this.canUndo = canUndo;
            this.canRedo = canRedo;
        }

        public boolean canUndo() {
            return canUndo;
        }

        public boolean canRedo() {
            return canRedo;
        }
    }
}
