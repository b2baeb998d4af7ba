package io.cvatqueue.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.cvatqueue.queue.TaskBoard.JobReview;
import io.cvatqueue.review.priority.PriorityScope;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.sync.TrackedTask;

import java.util.Map;

/**
 * The priority of a tracked task and of its jobs on the task page. Admins change them (empty: inherit from the
 * project, or from the task for a job); everyone sees them. Open reviews follow at once.
 */
class TaskPriorityPanel extends HorizontalLayout {

    private final PriorityService priorities;
    private final boolean editable;
    final PriorityChoice taskPriority = new PriorityChoice("Task priority");
    private TrackedTask task;
    private Map<Long, Priority> jobPriorities = Map.of();

    TaskPriorityPanel(PriorityService priorities, boolean editable) {
        this.priorities = priorities;
        this.editable = editable;
        taskPriority.setId("task-priority");
        taskPriority.setClearButtonVisible(true);
        taskPriority.setReadOnly(!editable);
        taskPriority.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                change(PriorityScope.TASK, task.cvatTaskId(), e.getValue(), "Task");
            }
        });
        add(taskPriority);
        setAlignItems(FlexComponent.Alignment.BASELINE);
    }

    void show(TrackedTask shown) {
        this.task = shown;
        taskPriority.setValue(priorities.get(shown.instanceId(), PriorityScope.TASK, shown.cvatTaskId()).orElse(null));
        taskPriority.setPlaceholder(inherited());
        taskPriority.setHelperText("Empty: " + inherited().toLowerCase(java.util.Locale.ROOT)
                + ". A job's own priority wins over the task's.");
        jobPriorities = priorities.all(shown.instanceId(), PriorityScope.JOB);
    }

    /** Adds a column with each job's own priority, editable for admins. */
    void addJobColumn(Grid<JobReview> jobs) {
        jobs.addComponentColumn(j -> {
            Priority own = jobPriorities.get(j.cvatJobId());
            if (!editable) {
                return own == null ? new Span("") : PriorityChoice.badge(own);
            }
            PriorityChoice choice = new PriorityChoice(null);
            choice.addClassName("job-priority");
            choice.setClearButtonVisible(true);
            choice.setPlaceholder("as task");
            choice.setValue(own);
            choice.setWidth("9em");
            choice.addValueChangeListener(e -> change(PriorityScope.JOB, j.cvatJobId(), e.getValue(),
                    "Job " + j.cvatJobId()));
            return choice;
        }).setHeader("Priority").setAutoWidth(true).setFlexGrow(0).setKey("priority");
    }

    private String inherited() {
        if (task.projectId() == null) {
            return "Normal";
        }
        return priorities.get(task.instanceId(), PriorityScope.PROJECT, task.projectId())
                .map(p -> "Project's: " + p.label()).orElse("Normal");
    }

    private void change(PriorityScope scope, long cvatId, Priority priority, String what) {
        int changed = priorities.set(task.instanceId(), scope, cvatId, priority);
        Feedback.success(what + (priority == null ? " inherits its priority again" : " is now " + priority.label())
                + (changed == 0 ? "" : "; " + changed + " open review(s) follow"));
        show(task);
    }
}
