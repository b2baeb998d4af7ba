package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatModel.Project;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.queue.TaskBoard.TaskProgress;
import io.cvatqueue.sync.ProjectTrackingService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskService;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The dashboard's dialogs that track CVAT tasks (one, several, whole projects) and untrack them (one or the
 * selected ones). Each runs {@code changed} after it changed what is tracked.
 */
class TaskTrackingDialogs {

    private final TrackedTaskService trackedTasks;
    private final ProjectTrackingService projects;
    private final long instanceId;
    private final Runnable changed;

    TaskTrackingDialogs(TrackedTaskService trackedTasks, ProjectTrackingService projects, long instanceId,
                        Runnable changed) {
        this.trackedTasks = trackedTasks;
        this.projects = projects;
        this.instanceId = instanceId;
        this.changed = changed;
    }

    void trackOne() {
        List<Task> untracked = untrackedTasks();
        if (untracked == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Track a CVAT task");
        dialog.setId("track-dialog");
        dialog.setWidth("min(560px, 95vw)");
        ComboBox<Task> choice = new ComboBox<>("CVAT task");
        choice.setId("untracked-tasks");
        choice.setWidthFull();
        choice.setItems(untracked);
        choice.setItemLabelGenerator(t -> "#" + t.id() + " " + t.name()
                + (t.jobs() != null && t.jobs().count() != null ? " (" + t.jobs().count() + " jobs)" : ""));
        choice.setPlaceholder(untracked.isEmpty() ? "All CVAT tasks are tracked" : "Search by name or id");
        choice.setEnabled(!untracked.isEmpty());
        choice.setRequired(true);
        Paragraph hint = new Paragraph("Completed jobs of a tracked task are queued for review at each sync.");
        hint.addClassName("muted");

        Button add = new Button("Track", click -> {
            Task task = choice.getValue();
            if (task == null) {
                choice.setInvalid(true);
                choice.setErrorMessage("Choose a task");
                return;
            }
            trackedTasks.track(instanceId, task);
            dialog.close();
            Feedback.success("Now tracking \"" + task.name() + "\". Sync it on its page to queue its completed jobs.");
            changed.run();
        });
        add.setId("track-confirm");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", click -> dialog.close());
        dialog.add(choice, hint);
        dialog.getFooter().add(cancel, add);
        dialog.open();
    }

    void trackSeveral() {
        List<Task> untracked = untrackedTasks();
        if (untracked == null) {
            return;
        }
        new PickManyDialog<>("track-several-dialog", "Track CVAT tasks", "Completed jobs of tracked tasks are "
                + "queued for review at each sync.", untracked, Task::id, Task::name,
                t -> t.projectId() == null ? "" : "project #" + t.projectId(), "Track selected", chosen -> {
            List<TrackedTask> added = trackedTasks.trackAll(instanceId, chosen.stream().map(Task::id).toList());
            Feedback.success("Now tracking " + added.size() + " task(s)");
            changed.run();
        }).open();
    }

    void trackProjects() {
        List<Project> untracked;
        try {
            untracked = projects.untrackedCvatProjects(instanceId);
        } catch (CvatException e) {
            Feedback.error("Could not list the projects in CVAT: " + e.getMessage());
            return;
        }
        new PickManyDialog<>("track-project-dialog", "Track CVAT projects", "All tasks of a tracked project are "
                + "tracked, also those created in it later (at the next sync, or at once with CVAT's create:task "
                + "webhook). Tasks can still be untracked one by one.", untracked, Project::id, Project::name,
                p -> p.taskCount() + " tasks", "Track selected", chosen -> {
            int added = 0;
            try {
                for (Project project : chosen) {
                    added += projects.track(instanceId, project.id()).newlyTracked();
                }
                Feedback.success("Now tracking " + chosen.size() + " project(s), " + added + " task(s) added");
            } catch (CvatException | NoSuchElementException e) {
                Feedback.error(e.getMessage());
            }
            changed.run();
        }).open();
    }

    /** Untracks the tasks selected in the grid, and clears the selection. */
    void untrackSelected(TrackedTasksGrid tasks) {
        List<TrackedTask> selected = tasks.getSelectedItems().stream().map(TaskProgress::task).toList();
        ConfirmDialog confirm = stopTrackingDialog("untrack-selected-dialog",
                "Stop tracking " + selected.size() + " task(s)?",
                "Their newly completed jobs will no longer be queued. Reviews already open stay and can be "
                        + "finished. Tasks of a tracked project stay untracked when the project finds them again.");
        confirm.addConfirmListener(event -> {
            int untracked = trackedTasks.untrackAll(instanceId, selected.stream().map(TrackedTask::cvatTaskId)
                    .toList());
            Feedback.success("Stopped tracking " + untracked + " task(s)");
            tasks.deselectAll();
            changed.run();
        });
        confirm.open();
    }

    void untrack(TrackedTask task) {
        ConfirmDialog confirm = stopTrackingDialog("untrack-dialog", "Stop tracking \"" + task.name() + "\"?",
                "Its newly completed jobs will no longer be queued. Reviews already open stay and can be finished.");
        confirm.addConfirmListener(event -> {
            trackedTasks.untrack(task.id());
            Feedback.success("Stopped tracking \"" + task.name() + "\"");
            changed.run();
        });
        confirm.open();
    }

    /** The CVAT tasks not tracked yet; null (after saying why) when CVAT cannot list them. */
    private List<Task> untrackedTasks() {
        try {
            return trackedTasks.untrackedCvatTasks(instanceId);
        } catch (CvatException e) {
            Feedback.error("Could not list the tasks in CVAT: " + e.getMessage());
            return null;
        }
    }

    private static ConfirmDialog stopTrackingDialog(String id, String header, String text) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId(id);
        confirm.setHeader(header);
        confirm.setText(text);
        confirm.setCancelable(true);
        confirm.setConfirmText("Stop tracking");
        confirm.setConfirmButtonTheme("error primary");
        return confirm;
    }
}
