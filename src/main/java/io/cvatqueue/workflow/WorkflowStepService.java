package io.cvatqueue.workflow;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.review.AuditTrail;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.workflow.StepTask.Field;
import io.cvatqueue.workflow.StepTask.FieldType;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Steps an admin adds to the workflow without code: user tasks other than the app's review tasks, shown to their
 * assignee (or candidates) with a form generated from the task's camunda:formData, completed through Camunda's
 * FormService (which converts and validates the values as the fields declare) and written to the audit trail.
 */
@Service
public class WorkflowStepService {

    /** The Camunda group the app's admins act in (candidate group of "Assign reviewer"). */
    static final String ADMIN_GROUP = "admins";

    private final TaskService tasks;
    private final FormService forms;
    private final RepositoryService repository;
    private final ReviewRepository reviews;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    public WorkflowStepService(TaskService tasks, FormService forms, RepositoryService repository,
                               ReviewRepository reviews, AuditTrail audit, CurrentUser currentUser) {
        this.tasks = tasks;
        this.forms = forms;
        this.repository = repository;
        this.reviews = reviews;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    /** The current user's open added steps, oldest first. */
    public List<StepTask> myTasks() {
        AppUser user = currentUser.require();
        return visibleTo(user).stream().map(this::describe).toList();
    }

    public StepTask task(String taskId) {
        return describe(checkedTask(taskId, currentUser.require()));
    }

    /**
     * Completes the step with the form's values (typed as {@link Field#type()}: String, Long, Boolean, String,
     * LocalDate; null for empty) and records it in the job's audit trail.
     */
    @Transactional
    public void complete(String taskId, Map<String, Object> values) {
        AppUser user = currentUser.require();
        Task task = checkedTask(taskId, user);
        Map<String, Object> submitted = new HashMap<>();
        values.forEach((key, value) -> submitted.put(key, value instanceof LocalDate date
                ? Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant()) : value));
        // read before completing: afterwards the task and its variables are gone
        Optional<Review> review = reviewOf(task);
        if (task.getAssignee() == null) {
            tasks.setAssignee(taskId, user.username());
        }
        try {
            forms.submitTaskForm(taskId, submitted);
        } catch (FormFieldValidatorException e) {
            throw new WorkflowException("'" + e.getId() + "' is not valid: "
                    + (e.getName() == null ? "" : e.getName() + " ") + Objects.toString(e.getConfig(), "")
                    .strip());
        } catch (ProcessEngineException e) {
            throw new WorkflowException("The step could not be completed: " + e.getMessage());
        }
        review.ifPresent(r -> audit.record(r, user.username(), "STEP_COMPLETED",
                task.getName() + ": " + values.entrySet().stream().filter(e -> e.getValue() != null)
                        .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "))));
    }

    private Optional<Review> reviewOf(Task task) {
        Object reviewId = task.getProcessInstanceId() == null ? null
                : tasks.getVariable(task.getId(), ReviewVariables.REVIEW_ID);
        return reviewId instanceof Number id ? reviews.findById(id.longValue()) : Optional.empty();
    }

    private List<Task> visibleTo(AppUser user) {
        var query = tasks.createTaskQuery().active().or().taskAssignee(user.username())
                .taskCandidateUser(user.username());
        if (user.isAdmin()) {
            query = query.taskCandidateGroupIn(List.of(ADMIN_GROUP));
        }
        return query.endOr().orderByTaskCreateTime().asc().list().stream()
                .filter(task -> !AppProcessContract.REVIEW_TASKS.contains(task.getTaskDefinitionKey()))
                .toList();
    }

    private Task checkedTask(String taskId, AppUser user) {
        return visibleTo(user).stream().filter(task -> task.getId().equals(taskId)).findFirst()
                .orElseThrow(() -> new AccessDeniedException("The step is not yours, or is done already"));
    }

    private StepTask describe(Task task) {
        TaskFormData form = forms.getTaskFormData(task.getId());
        List<Field> fields = new ArrayList<>();
        for (FormField field : form.getFormFields()) {
            fields.add(field(field));
        }
        String processKey = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        Review review = reviewOf(task).orElse(null);
        return new StepTask(task.getId(), task.getName(), processKey, review == null ? null : review.businessKey(),
                review == null ? null : review.cvatJobId(), task.getCreateTime().toInstant(), task.getAssignee(),
                fields);
    }

    @SuppressWarnings("unchecked")
    private static Field field(FormField field) {
        FieldType type = switch (field.getTypeName()) {
            case "long" -> FieldType.LONG;
            case "boolean" -> FieldType.BOOLEAN;
            case "enum" -> FieldType.ENUM;
            case "date" -> FieldType.DATE;
            default -> FieldType.STRING;
        };
        boolean required = field.getValidationConstraints().stream().map(FormFieldValidationConstraint::getName)
                .anyMatch("required"::equals);
        Map<String, String> options = new LinkedHashMap<>();
        if (type == FieldType.ENUM && field.getType().getInformation("values") instanceof Map<?, ?> values) {
            ((Map<String, String>) values).forEach(options::put);
        }
        Object value = field.getValue() == null ? null : field.getValue().getValue();
        Object defaultValue = switch (type) {
            case LONG -> value instanceof Number n ? n.longValue() : null;
            case BOOLEAN -> value instanceof Boolean b ? b : null;
            case DATE -> value instanceof Date d ? LocalDate.ofInstant(d.toInstant(), ZoneId.systemDefault()) : null;
            default -> value == null ? null : value.toString();
        };
        return new Field(field.getId(), field.getLabel() == null || field.getLabel().isBlank() ? field.getId()
                : field.getLabel(), type, required, defaultValue, options);
    }
}
