package io.cvatqueue.sync;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task Task_SyncTrackedTasks of processes/cvat-sync.bpmn. */
@Component("syncTrackedTasks")
class SyncTrackedTasksDelegate implements JavaDelegate {

    private final SyncService sync;

    SyncTrackedTasksDelegate(SyncService sync) {
        this.sync = sync;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SyncResult result = sync.syncAll("sync timer");
        execution.setVariable("queued", result.queued());
        execution.setVariable("requeued", result.requeued());
        execution.setVariable("skipped", result.skipped());
    }
}
