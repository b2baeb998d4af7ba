package io.cvatqueue.workflow;

import io.cvatqueue.workflow.WorkflowProblem.Source;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks that Camunda's parser does not make, in Java, so the server refuses what Camunda Modeler would flag
 * (bpmnlint "recommended" and camunda-compat for Camunda 7.24, the rules that matter for a running engine) and
 * what would break the app (its process keys, beans, messages, errors and tasks).
 * <p>
 * Not every bpmnlint rule is here: purely cosmetic ones (overlapping shapes, superfluous gateways) are left to
 * the Modeler, whose live lint shows them while editing.
 */
public class BpmnRules {


    private final List<WorkflowProblem> problems = new ArrayList<>();
    private final AppContractRules appContract;

    private BpmnRules(Predicate<String> beanExists) {
        this.appContract = new AppContractRules(beanExists, problems);
    }

    /** All problems of one diagram; empty when it may be deployed. */
    public static List<WorkflowProblem> check(BpmnModelInstance model, Predicate<String> beanExists) {
        BpmnRules rules = new BpmnRules(beanExists);
        rules.run(model);
        return List.copyOf(rules.problems);
    }

    private void run(BpmnModelInstance model) {
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        List<Process> executable = processes.stream().filter(Process::isExecutable).toList();
        if (executable.isEmpty()) {
            contract(null, "The diagram has no executable process");
        }
        for (Process process : executable) {
            checkProcess(model, process);
        }
        checkDiagramInterchange(model);
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            checkNode(node);
        }
        checkDuplicateFlows(model);
        appContract.checkExpressions(model);
    }

    private void checkProcess(BpmnModelInstance model, Process process) {
        if (!AppProcessContract.PROCESS_KEYS.contains(process.getId())) {
            contract(process.getId(), "The process id must stay one of " + AppProcessContract.PROCESS_KEYS
                    + ": the app starts and finds its processes by these keys");
        }
        String ttl = process.getCamundaHistoryTimeToLiveString();
        if (ttl == null || ttl.isBlank()) {
            lint(process.getId(), "History time to live is missing (Camunda 7.20+ requires camunda:historyTimeToLive)");
        }
        checkScope(process.getId(), process.getFlowElements(), false);
        AppProcessContract contract = AppProcessContract.of(process.getId());
        if (contract != null) {
            appContract.checkContract(model, process, contract);
        }
    }

    private void checkScope(String scopeId, Collection<FlowElement> elements, boolean eventSubProcess) {
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

    private void checkNode(FlowNode node) {
        String id = node.getId();
        boolean noIncoming = node.getIncoming().isEmpty();
        boolean noOutgoing = node.getOutgoing().isEmpty();
        boolean inEventSubProcess = node.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent();
        boolean eventSubProcess = node instanceof SubProcess sub && sub.triggeredByEvent();
        boolean compensation = node instanceof Activity activity && activity.isForCompensation();
        boolean compensationBoundary = node instanceof BoundaryEvent boundary && boundary.getEventDefinitions()
                .stream().anyMatch(org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition.class::isInstance);
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
        checkImplementation(node);
        if (node instanceof Event event) {
            checkEventDefinitions(event);
        }
        if (node instanceof CallActivity call && (call.getCalledElement() == null || call.getCalledElement().isBlank())) {
            lint(id, "Call activity has no called element");
        }
        for (CamundaFailedJobRetryTimeCycle retry : node.getChildElementsByType(
                org.camunda.bpm.model.bpmn.instance.ExtensionElements.class).stream()
                .flatMap(ext -> ext.getChildElementsByType(CamundaFailedJobRetryTimeCycle.class).stream()).toList()) {
            checkTimerValue(id, "retry time cycle", retry.getTextContent(), new CycleBusinessCalendar()::resolveDuedate);
        }
    }

    /** As bpmnlint's label-required: not sub-processes, parallel or event-based gateways, or joining gateways. */
    private static boolean needsLabel(FlowNode node) {
        if (node instanceof org.camunda.bpm.model.bpmn.instance.ParallelGateway
                || node instanceof org.camunda.bpm.model.bpmn.instance.EventBasedGateway
                || node instanceof SubProcess) {
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

    private void checkImplementation(FlowNode node) {
        String clazz = null;
        String delegate = null;
        String expression = null;
        String type = null;
        String topic = null;
        if (node instanceof ServiceTask t) {
            clazz = t.getCamundaClass();
            delegate = t.getCamundaDelegateExpression();
            expression = t.getCamundaExpression();
            type = t.getCamundaType();
            topic = t.getCamundaTopic();
        } else if (node instanceof SendTask t) {
            clazz = t.getCamundaClass();
            delegate = t.getCamundaDelegateExpression();
            expression = t.getCamundaExpression();
            type = t.getCamundaType();
            topic = t.getCamundaTopic();
        } else if (node instanceof BusinessRuleTask t) {
            if (t.getCamundaDecisionRef() != null) {
                return;
            }
            clazz = t.getCamundaClass();
            delegate = t.getCamundaDelegateExpression();
            expression = t.getCamundaExpression();
            type = t.getCamundaType();
            topic = t.getCamundaTopic();
        } else {
            return;
        }
        boolean connector = !node.getDomElement().getChildElements().isEmpty()
                && node.getDomElement().getChildElements().stream()
                .flatMap(child -> child.getChildElements().stream())
                .anyMatch(child -> "connector".equals(child.getLocalName()));
        if (isBlank(clazz) && isBlank(delegate) && isBlank(expression) && !"external".equals(type) && !connector) {
            lint(node.getId(), "Task has no implementation (pick an app action from the element templates)");
        }
        if ("external".equals(type) && isBlank(topic)) {
            lint(node.getId(), "External task has no topic");
        }
        appContract.checkImplementationTarget(node.getId(), clazz, delegate);
    }

    private void checkEventDefinitions(Event event) {
        Collection<EventDefinition> definitions = event instanceof CatchEvent c ? c.getEventDefinitions()
                : event instanceof ThrowEvent t ? t.getEventDefinitions() : List.of();
        if (definitions.size() > 1) {
            lint(event.getId(), "Event has more than one event definition");
        }
        for (EventDefinition definition : definitions) {
            if (definition instanceof TimerEventDefinition timer) {
                checkTimer(event.getId(), timer);
            } else if (definition instanceof MessageEventDefinition message) {
                if (message.getMessage() == null && event instanceof CatchEvent) {
                    lint(event.getId(), "Message event has no message reference");
                } else if (message.getMessage() != null && isBlank(message.getMessage().getName())) {
                    lint(message.getMessage().getId(), "Message has no name");
                }
            } else if (definition instanceof ErrorEventDefinition error) {
                if (error.getError() == null && event instanceof EndEvent) {
                    lint(event.getId(), "Error end event has no error reference");
                } else if (error.getError() != null && event instanceof EndEvent
                        && isBlank(error.getError().getErrorCode())) {
                    lint(error.getError().getId(), "Error has no error code");
                }
            }
        }
    }

    private void checkTimer(String id, TimerEventDefinition timer) {
        List<String> kinds = new ArrayList<>();
        if (timer.getTimeDate() != null) {
            kinds.add("date");
            checkTimerValue(id, "timer date", timer.getTimeDate().getTextContent(),
                    new DueDateBusinessCalendar()::resolveDuedate);
        }
        if (timer.getTimeDuration() != null) {
            kinds.add("duration");
            checkTimerValue(id, "timer duration", timer.getTimeDuration().getTextContent(),
                    new DurationBusinessCalendar()::resolveDuedate);
        }
        if (timer.getTimeCycle() != null) {
            kinds.add("cycle");
            checkTimerValue(id, "timer cycle", timer.getTimeCycle().getTextContent(),
                    new CycleBusinessCalendar()::resolveDuedate);
        }
        if (kinds.size() != 1) {
            lint(id, "Timer needs exactly one of date, duration or cycle (has " + (kinds.isEmpty() ? "none" : kinds) + ")");
        }
    }

    /** A literal value must parse as the engine will parse it; an expression must name beans that exist. */
    private void checkTimerValue(String id, String what, String value, java.util.function.Function<String, ?> parse) {
        if (isBlank(value)) {
            lint(id, "The " + what + " is empty");
            return;
        }
        String text = value.strip();
        if (text.contains("${") || text.contains("#{")) {
            appContract.checkExpression(id, text);
            return;
        }
        try {
            parse.apply(text);
        } catch (RuntimeException e) {
            lint(id, "The " + what + " '" + text + "' does not parse (ISO 8601" + (what.contains("cycle")
                    ? " repetition or a cron expression" : "") + ")");
        }
    }

    private void checkDiagramInterchange(BpmnModelInstance model) {
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

    private void checkDuplicateFlows(BpmnModelInstance model) {
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

    private void lint(String elementId, String message) {
        problems.add(new WorkflowProblem(elementId, message, Source.LINT));
    }

    private void contract(String elementId, String message) {
        problems.add(new WorkflowProblem(elementId, message, Source.CONTRACT));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
