package io.cvatqueue.workflow;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lint rules about the diagram's shape, as in {@link BpmnRules}: start and end events per scope, every
 * element connected, labelled and drawn, flows that split and join through gateways, no duplicate flows.
 */
final class StructureRules extends LintRules {

    StructureRules(List<WorkflowProblem> problems) {
        super(problems);
    }

    void checkScope(String scopeId, Collection<FlowElement> elements, boolean eventSubProcess) {
        List<StartEvent> starts = elements.stream().filter(StartEvent.class::isInstance).map(StartEvent.class::cast)
                .toList();
        if (starts.isEmpty()) {
            lint(scopeId, "Process or sub-process has no start event");
        }
        if (elements.stream().noneMatch(EndEvent.class::isInstance)) {
            lint(scopeId, "Process or sub-process has no end event");
        }
        if (starts.stream().filter(s -> s.getEventDefinitions().isEmpty()).count() > 1) {
            lint(scopeId, "More than one blank start event");
        }
        for (StartEvent start : starts) {
            if (eventSubProcess && start.getEventDefinitions().isEmpty()) {
                lint(start.getId(), "The start event of an event sub-process needs an event definition");
            }
        }
        for (FlowElement element : elements) {
            if (element instanceof SubProcess sub) {
                if (!sub.triggeredByEvent()) {
                    sub.getFlowElements().stream().filter(StartEvent.class::isInstance).map(StartEvent.class::cast)
                            .filter(s -> !s.getEventDefinitions().isEmpty())
                            .forEach(s -> lint(s.getId(), "The start event of a sub-process must be blank"));
                }
                checkScope(sub.getId(), sub.getFlowElements(), sub.triggeredByEvent());
            }
        }
    }

    void checkNode(FlowNode node) {
        String id = node.getId();
        boolean noIncoming = node.getIncoming().isEmpty();
        boolean noOutgoing = node.getOutgoing().isEmpty();
        boolean inEventSubProcess = node.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent();
        boolean eventSubProcess = node instanceof SubProcess sub && sub.triggeredByEvent();
        boolean compensation = node instanceof Activity activity && activity.isForCompensation();
        boolean compensationBoundary = node instanceof BoundaryEvent boundary && boundary.getEventDefinitions()
                .stream().anyMatch(CompensateEventDefinition.class::isInstance);
        if (noIncoming && noOutgoing && !eventSubProcess && !compensation && !compensationBoundary
                && !(inEventSubProcess && node instanceof StartEvent)) {
            lint(id, "Element is not connected");
        }
        if (needsLabel(node) && (node.getName() == null || node.getName().isBlank())) {
            lint(id, "Element is missing a label/name");
        }
        checkOutgoing(node);
        if (node instanceof Activity && node.getIncoming().size() > 1) {
            lint(id, "Incoming flows do not join (use a gateway to join them)");
        }
    }

    void checkDiagramInterchange(BpmnModelInstance model) {
        Set<String> drawn = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement() != null)
                .forEach(s -> drawn.add(s.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).stream().filter(e -> e.getBpmnElement() != null)
                .forEach(e -> drawn.add(e.getBpmnElement().getId()));
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if ((element instanceof FlowNode || element instanceof SequenceFlow) && !drawn.contains(element.getId())) {
                lint(element.getId(), "Element is not drawn in the diagram (missing BPMNShape or BPMNEdge)");
            }
        }
    }

    void checkDuplicateFlows(BpmnModelInstance model) {
        Set<String> seen = new HashSet<>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (flow.getConditionExpression() != null && (flow.getName() == null || flow.getName().isBlank())) {
                lint(flow.getId(), "Conditional sequence flow is missing a label/name");
            }
            if (flow.getSource() != null && flow.getTarget() != null
                    && !seen.add(flow.getSource().getId() + "->" + flow.getTarget().getId())
                    && flow.getConditionExpression() == null) {
                lint(flow.getId(), "Duplicate sequence flow between the same elements");
            }
        }
    }

    /** As bpmnlint's label-required: not sub-processes, parallel or event-based gateways, or joining gateways. */
    private static boolean needsLabel(FlowNode node) {
        if (node instanceof ParallelGateway || node instanceof EventBasedGateway || node instanceof SubProcess) {
            return false;
        }
        if (node instanceof Gateway) {
            return node.getOutgoing().size() > 1;
        }
        return true;
    }

    private void checkOutgoing(FlowNode node) {
        Collection<SequenceFlow> outgoing = node.getOutgoing();
        if (outgoing.size() < 2) {
            return;
        }
        SequenceFlow defaultFlow = node instanceof ExclusiveGateway g ? g.getDefault()
                : node instanceof InclusiveGateway g ? g.getDefault()
                : node instanceof Activity a ? a.getDefault() : null;
        boolean conditionalGateway = node instanceof ExclusiveGateway || node instanceof InclusiveGateway;
        for (SequenceFlow flow : outgoing) {
            boolean conditional = flow.getConditionExpression() != null;
            if (flow.equals(defaultFlow) || conditional) {
                continue;
            }
            if (conditionalGateway) {
                lint(flow.getId(), "Sequence flow is missing a condition");
            } else if (!(node instanceof Gateway)) {
                lint(node.getId(), "Flow splits implicitly (use a gateway, or give every outgoing flow a condition)");
                return;
            }
        }
    }
}
