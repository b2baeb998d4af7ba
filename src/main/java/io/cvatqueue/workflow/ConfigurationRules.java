package io.cvatqueue.workflow;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The lint rules about how elements are set up for the engine (camunda-compat), as in {@link BpmnRules}: history
 * time to live, task implementations, event definitions, timers and retry cycles that parse, called elements.
 * Implementations and expressions are also handed to the app's contract, which checks that their beans exist.
 */
final class ConfigurationRules extends LintRules {

    private final AppContractRules appContract;

    ConfigurationRules(AppContractRules appContract, List<WorkflowProblem> problems) {
        super(problems);
        this.appContract = appContract;
    }

    void checkProcess(Process process) {
        String ttl = process.getCamundaHistoryTimeToLiveString();
        if (ttl == null || ttl.isBlank()) {
            lint(process.getId(), "History time to live is missing (Camunda 7.20+ requires camunda:historyTimeToLive)");
        }
    }

    void checkNode(FlowNode node) {
        String id = node.getId();
        checkImplementation(node);
        if (node instanceof Event event) {
            checkEventDefinitions(event);
        }
        if (node instanceof CallActivity call && (call.getCalledElement() == null || call.getCalledElement().isBlank())) {
            lint(id, "Call activity has no called element");
        }
        for (CamundaFailedJobRetryTimeCycle retry : node.getChildElementsByType(ExtensionElements.class).stream()
                .flatMap(ext -> ext.getChildElementsByType(CamundaFailedJobRetryTimeCycle.class).stream()).toList()) {
            checkTimerValue(id, "retry time cycle", retry.getTextContent(), new CycleBusinessCalendar()::resolveDuedate);
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
    private void checkTimerValue(String id, String what, String value, Function<String, ?> parse) {
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
}
