package io.cvatqueue.admin.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.cvatqueue.admin.WorkflowOverviewService.StepCount;
import io.cvatqueue.workflow.ElementChange;

import java.util.List;

/**
 * A read-only BPMN diagram (bpmn-js) with badges on the steps where process instances wait, and markers on the
 * elements a version comparison found added or changed. The client side is frontend/src/bpmn-viewer.js.
 */
@Tag("bpmn-viewer")
@NpmPackage(value = "bpmn-js", version = "18.6.2")
@JsModule("./src/bpmn-viewer.js")
public class BpmnViewer extends Component implements HasSize, HasStyle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String xml;
    private List<StepCount> counts = List.of();
    private List<ElementChange> changes = List.of();

    public BpmnViewer() {
        addClassName("bpmn-viewer");
    }

    public void setDiagram(String bpmnXml) {
        this.xml = bpmnXml;
        getElement().setProperty("xml", bpmnXml);
    }

    public String getDiagram() {
        return xml;
    }

    public void setCounts(List<StepCount> steps) {
        this.counts = List.copyOf(steps);
        try {
            getElement().setProperty("counts", JSON.writeValueAsString(steps.stream().filter(StepCount::busy)
                    .toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<StepCount> getCounts() {
        return counts;
    }

    /** Marks the added and changed elements of a version comparison on the diagram; an empty list clears them. */
    public void setChanges(List<ElementChange> elementChanges) {
        this.changes = List.copyOf(elementChanges);
        try {
            getElement().setProperty("changes", JSON.writeValueAsString(elementChanges.stream()
                    .map(c -> java.util.Map.of("elementId", c.elementId(), "kind", c.kind().name())).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ElementChange> getChanges() {
        return changes;
    }
}
