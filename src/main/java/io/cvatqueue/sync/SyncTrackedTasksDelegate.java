package io.cvatqueue.sync;

import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Service task Task_SyncTrackedTasks of processes/cvat-sync.bpmn. The sync runs on a thread of its own while the
 * timer job waits for it: on the job's thread, every review's process instance would join the timer job's command
 * context and be committed only with the whole timer job, while its review row is committed at once, so a sync
 * that died half-way left reviews without a process that no later sync would repair. Off that thread, each job's
 * review and process instance are committed together, one job at a time.
 */
@Component("syncTrackedTasks")
class SyncTrackedTasksDelegate implements JavaDelegate {

    private final SyncService sync;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "timer-sync");
        thread.setDaemon(true);
        return thread;
    });

    SyncTrackedTasksDelegate(SyncService sync) {
        this.sync = sync;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SyncResult result;
        try {
            result = CompletableFuture.supplyAsync(() -> sync.syncAll("sync timer"), worker).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        execution.setVariable("queued", result.queued());
        execution.setVariable("requeued", result.requeued());
        execution.setVariable("skipped", result.skipped());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
