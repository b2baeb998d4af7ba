package io.cvatqueue.config;

import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

import java.util.Set;

import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_END;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_START;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.INCIDENT_CREATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.INCIDENT_DELETE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.INCIDENT_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.INCIDENT_RESOLVE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.INCIDENT_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_FAIL;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_SUCCESS;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_END;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_START;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.TASK_INSTANCE_COMPLETE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.TASK_INSTANCE_CREATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.TASK_INSTANCE_DELETE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.TASK_INSTANCE_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.TASK_INSTANCE_UPDATE;

/**
 * The app's Camunda history level ({@code camunda.bpm.history-level: tasks}): Camunda's {@code activity} level
 * with the activity instances of user tasks only, plus incidents. Kept after an instance ends: the process
 * instance, each user task it went through (who had it, from when to when), its incidents and each failed attempt of
 * an async step (the job log's failures: a CVAT outage that was retried stays visible) and each run of the timer sync
 * (which node ran which cycle). Not kept: events,
 * gateways, service tasks (their failures are incidents, kept), variables and their changes, user operations.
 * The review row and the app's audit trail hold who did what; a review thus writes 1 instead of 5 activity
 * history rows when it is queued.
 */
public class TaskHistoryLevel extends AbstractHistoryLevel {

    public static final String NAME = "tasks";
    /** Stored in ACT_GE_PROPERTY; Camunda's own levels use 0 to 3. */
    static final int ID = 21;

    private static final Set<HistoryEventType> KEPT = Set.of(PROCESS_INSTANCE_START, PROCESS_INSTANCE_UPDATE,
            PROCESS_INSTANCE_END, PROCESS_INSTANCE_MIGRATE, TASK_INSTANCE_CREATE, TASK_INSTANCE_UPDATE,
            TASK_INSTANCE_COMPLETE, TASK_INSTANCE_DELETE, TASK_INSTANCE_MIGRATE, INCIDENT_CREATE, INCIDENT_RESOLVE,
            INCIDENT_DELETE, INCIDENT_MIGRATE, INCIDENT_UPDATE, JOB_FAIL);
    /** The timer-started sync process, whose successful runs are kept in the job log. */
    static final String SYNC_PROCESS = "cvat-sync";
    private static final Set<HistoryEventType> ACTIVITY_INSTANCE = Set.of(ACTIVITY_INSTANCE_START,
            ACTIVITY_INSTANCE_UPDATE, ACTIVITY_INSTANCE_END, ACTIVITY_INSTANCE_MIGRATE);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (KEPT.contains(eventType)) {
            return true;
        }
        if (eventType == JOB_SUCCESS) {
            // the timer sync's runs: when each cycle ran and on which node (one row per cycle, not per review)
            return !(entity instanceof JobEntity job) || SYNC_PROCESS.equals(job.getProcessDefinitionKey());
        }
        if (!ACTIVITY_INSTANCE.contains(eventType)) {
            return false;
        }
        // without an entity the engine asks while parsing whether to listen at all; the filter is per instance
        return !(entity instanceof ExecutionEntity execution) || isTask(execution.getActivity());
    }

    private static boolean isTask(ActivityImpl activity) {
        if (activity == null) {
            return true;
        }
        String type = activity.getProperties().get(BpmnProperties.TYPE);
        return type == null || type.equals("userTask") || type.equals("callActivity") || type.equals("subProcess");
    }
}
