package io.cvatqueue.workflow;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.RootElement;
import org.camunda.bpm.model.xml.impl.ModelInstanceImpl;
import org.camunda.bpm.model.xml.impl.util.ModelUtil;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.camunda.bpm.model.xml.type.attribute.Attribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Semantic difference of two BPMN models, by element id: elements added, removed, or changed in their attributes
 * (camunda:* included) or in their content (conditions, timers, listeners, form fields). Layout (BPMN DI) is
 * ignored, so moving a shape is no change.
 */
final class WorkflowDiff {

    /** Children that only repeat what the sequence flows already say, or that are compared on their own. */
    private static final Set<String> SKIPPED_CHILDREN = Set.of("incoming", "outgoing");

    private WorkflowDiff() {
    }

    static List<ElementChange> between(BpmnModelInstance from, BpmnModelInstance to) {
        Map<String, BaseElement> before = elements(from);
        Map<String, BaseElement> after = elements(to);
        List<ElementChange> changes = new ArrayList<>();
        for (Map.Entry<String, BaseElement> entry : before.entrySet()) {
            BaseElement old = entry.getValue();
            BaseElement now = after.get(entry.getKey());
            if (now == null) {
                changes.add(change(old, ElementChange.Kind.REMOVED, null));
                continue;
            }
            String detail = differences(old, now);
            if (detail != null) {
                changes.add(change(now, ElementChange.Kind.CHANGED, detail));
            }
        }
        after.forEach((id, element) -> {
            if (!before.containsKey(id)) {
                changes.add(change(element, ElementChange.Kind.ADDED, null));
            }
        });
        return changes;
    }

    /** The process itself, its flow elements at every depth and the messages, errors and signals it uses. */
    private static Map<String, BaseElement> elements(BpmnModelInstance model) {
        Map<String, BaseElement> elements = new LinkedHashMap<>();
        Definitions definitions = model.getDefinitions();
        for (RootElement root : definitions.getRootElements()) {
            if (root.getId() != null) {
                elements.put(root.getId(), root);
            }
        }
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            elements.put(element.getId(), element);
        }
        return elements;
    }

    private static ElementChange change(BaseElement element, ElementChange.Kind kind, String detail) {
        String name = element instanceof FlowElement flow ? flow.getName()
                : element instanceof Process process ? process.getName() : null;
        return new ElementChange(element.getId(), name, element.getElementType().getTypeName(), kind, detail);
    }

    /** Comma-separated names of what differs, or null when the elements are equal. */
    private static String differences(BaseElement old, BaseElement now) {
        if (!old.getElementType().equals(now.getElementType())) {
            return "type (" + old.getElementType().getTypeName() + " → " + now.getElementType().getTypeName() + ")";
        }
        List<String> differences = new ArrayList<>();
        Map<String, String> oldAttributes = attributes(old);
        Map<String, String> newAttributes = attributes(now);
        Set<String> names = new java.util.TreeSet<>(oldAttributes.keySet());
        names.addAll(newAttributes.keySet());
        for (String name : names) {
            if (!Objects.equals(oldAttributes.get(name), newAttributes.get(name))) {
                differences.add(name);
            }
        }
        if (!(old instanceof Process) && !content(old.getDomElement(), old).equals(content(now.getDomElement(), now))) {
            differences.add(old instanceof FlowNode ? "details (listeners, timers, forms, conditions)" : "content");
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    private static Map<String, String> attributes(ModelElementInstance element) {
        Map<String, String> attributes = new TreeMap<>();
        for (ModelElementType type = element.getElementType(); type != null; type = type.getBaseType()) {
            for (Attribute<?> attribute : type.getAttributes()) {
                Object value = attribute.getValue(element);
                if (value != null && !"id".equals(attribute.getAttributeName())) {
                    String prefix = attribute.getNamespaceUri() != null && attribute.getNamespaceUri().contains("camunda")
                            ? "camunda:" : "";
                    attributes.put(prefix + attribute.getAttributeName(), value instanceof BaseElement ref
                            ? ref.getId() : String.valueOf(value));
                }
            }
        }
        return attributes;
    }

    /** The element's child content as text: nested elements with their attributes and text, in document order. */
    private static String content(DomElement element, ModelElementInstance owner) {
        ModelInstanceImpl model = (ModelInstanceImpl) owner.getModelInstance();
        StringBuilder text = new StringBuilder();
        for (DomElement child : element.getChildElements()) {
            if (SKIPPED_CHILDREN.contains(child.getLocalName())) {
                continue;
            }
            ModelElementInstance instance = modelElement(child, model);
            if (instance instanceof FlowElement) {
                continue;
            }
            text.append('<').append(child.getLocalName());
            if (instance != null) {
                attributes(instance).forEach((k, v) -> text.append(' ').append(k).append("=\"").append(v).append('"'));
            }
            text.append('>');
            if (child.getChildElements().isEmpty()) {
                text.append(child.getTextContent() == null ? "" : child.getTextContent().strip());
            } else {
                text.append(content(child, owner));
            }
            text.append("</>");
        }
        return text.toString();
    }

    private static ModelElementInstance modelElement(DomElement element, ModelInstanceImpl model) {
        try {
            return ModelUtil.getModelElement(element, model);
        } catch (RuntimeException e) {
            // an extension element of a namespace the model API does not know: compared by name and text only
            return null;
        }
    }
}
