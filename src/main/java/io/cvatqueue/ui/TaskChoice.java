package io.cvatqueue.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import io.cvatqueue.sync.TrackedTask;

import java.util.List;

/** Picks one of the instance's tracked tasks, shown as "#id name"; empty means all tasks unless said otherwise. */
public class TaskChoice extends ComboBox<TrackedTask> {

    public TaskChoice(String label, List<TrackedTask> tasks) {
        super(label);
        setItems(tasks);
        setItemLabelGenerator(TaskChoice::label);
        setClearButtonVisible(true);
        setPlaceholder("All tasks");
    }

    /** The CVAT id of the chosen task, null when none is chosen. */
    public Long cvatTaskId() {
        return getValue() == null ? null : getValue().cvatTaskId();
    }

    static String label(TrackedTask task) {
        return "#" + task.cvatTaskId() + " " + task.name();
    }
}
