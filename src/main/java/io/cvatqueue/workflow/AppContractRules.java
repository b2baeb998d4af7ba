package io.cvatqueue.workflow;

import io.cvatqueue.workflow.WorkflowProblem.Source;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The app's own contract with its processes ({@link AppProcessContract}), as part of {@link BpmnRules}: the tasks,
 * messages and errors the app relies on are still there, and every bean an expression calls exists.
 */
final class AppContractRules {

    static final Pattern SIMPLE_BEAN = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_]\\w*)\\s*}\\s*$");
    /** `root.method(` in an expression, not after a dot or inside a string. */
    private static final Pattern METHOD_CALL_ROOT = Pattern.compile("(?<![\\w.'\"])([A-Za-z_]\\w*)\\s*\\.\\s*\\w+\\s*\\(");
    private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"");

    private final Predicate<String> beanExists;
    private final List<WorkflowProblem> problems;

    AppContractRules(Predicate<String> beanExists, List<WorkflowProblem> problems) {
        this.beanExists = beanExists;
        this.problems = problems;
    }

    void checkContract(BpmnModelInstance model, Process process, AppProcessContract contract) {
        Set<String> activityIds = model.getModelElementsByType(Activity.class).stream().map(BaseElement::getId)
                .collect(Collectors.toSet());
        for (String required : contract.activities()) {
            if (!activityIds.contains(required)) {
                contract(process.getId(), "Activity '" + required + "' is missing: the app looks it up by this id");
            } else if (AppProcessContract.REVIEW_TASKS.contains(required)
                    && !(model.getModelElementById(required) instanceof UserTask)) {
                contract(required, "Must stay a user task: the review screens complete it");
            }
        }
        Set<String> caughtMessages = model.getModelElementsByType(MessageEventDefinition.class).stream()
                .filter(d -> d.getParentElement() instanceof CatchEvent && d.getMessage() != null)
                .map(d -> d.getMessage().getName()).collect(Collectors.toSet());
        for (String message : contract.messages()) {
            if (!caughtMessages.contains(message)) {
                contract(process.getId(), "No event catches message '" + message + "', which the app correlates");
            }
        }
        Set<String> caughtErrors = model.getModelElementsByType(ErrorEventDefinition.class).stream()
                .filter(d -> d.getParentElement() instanceof CatchEvent && d.getError() != null)
                .map(d -> d.getError().getErrorCode()).collect(Collectors.toSet());
        for (String code : contract.errorCodes()) {
            if (!caughtErrors.contains(code)) {
                contract(process.getId(), "No event catches BPMN error '" + code + "', which the app's delegates throw");
            }
        }
    }

    /** Listener and service expressions that call a method: its target must be a bean or a variable of the app. */
    void checkExpressions(BpmnModelInstance model) {
        for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
            checkListener(ownerId(listener), listener.getCamundaExpression(), listener.getCamundaDelegateExpression());
        }
        for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
            checkListener(ownerId(listener), listener.getCamundaExpression(), listener.getCamundaDelegateExpression());
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!isBlank(task.getCamundaExpression())) {
                checkExpression(task.getId(), task.getCamundaExpression());
            }
        }
        for (Task task : model.getModelElementsByType(UserTask.class)) {
            UserTask user = (UserTask) task;
            if (!isBlank(user.getCamundaAssignee())) {
                checkExpression(user.getId(), user.getCamundaAssignee());
            }
        }
    }

    private void checkListener(String ownerId, String expression, String delegateExpression) {
        if (!isBlank(expression)) {
            checkExpression(ownerId, expression);
        }
        if (!isBlank(delegateExpression)) {
            Matcher bean = SIMPLE_BEAN.matcher(delegateExpression);
            if (bean.matches() && !beanExists.test(bean.group(1))) {
                contract(ownerId, "Listener delegate expression '" + delegateExpression + "' names no bean of the app");
            }
        }
    }

    void checkExpression(String id, String expression) {
        Matcher call = METHOD_CALL_ROOT.matcher(STRING_LITERAL.matcher(expression).replaceAll("''"));
        while (call.find()) {
            String root = call.group(1);
            if (!beanExists.test(root) && !AppProcessContract.KNOWN_VARIABLES.contains(root)) {
                contract(id, "Expression '" + expression + "' calls '" + root
                        + "', which is neither a bean nor a variable of the app");
            }
        }
    }

    private static String ownerId(ModelElementInstance element) {
        ModelElementInstance current = element.getParentElement();
        while (current != null && !(current instanceof BaseElement)) {
            current = current.getParentElement();
        }
        return current == null ? null : ((BaseElement) current).getId();
    }

    /** A service task's Java class or delegate bean must exist in the app. */
    void checkImplementationTarget(String nodeId, String clazz, String delegate) {
        if (!isBlank(clazz)) {
            try {
                Class.forName(clazz, false, AppContractRules.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                contract(nodeId, "Java class '" + clazz + "' does not exist in the app");
            }
        }
        if (!isBlank(delegate)) {
            Matcher bean = SIMPLE_BEAN.matcher(delegate);
            if (!bean.matches()) {
                contract(nodeId, "Delegate expression '" + delegate
                        + "' must name one of the app's beans, e.g. ${markJobInReview}");
            } else if (!beanExists.test(bean.group(1))) {
                contract(nodeId, "Delegate expression '" + delegate + "' names no bean of the app");
            }
        }
    }

    private void contract(String elementId, String message) {
        problems.add(new WorkflowProblem(elementId, message, Source.CONTRACT));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
