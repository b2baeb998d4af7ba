package io.cvatqueue.bench;

import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine alone needs to start reviews: the job-review process with the variables the app gives it, in
 * the engine's best batching (one command, so one flush of JDBC batches, and one transaction per {@code batch}
 * starts, by definition id), with no app logic around it. The instances are removed afterwards (not timed).
 */
final class EngineFloor {

    private final ProcessEngineConfigurationImpl engine;
    private final PlatformTransactionManager transactions;

    EngineFloor(ProcessEngineConfigurationImpl engine, PlatformTransactionManager transactions) {
        this.engine = engine;
        this.transactions = transactions;
    }

    /** Seconds for {@code count} starts, {@code batch} per transaction. */
    double seconds(long instanceId, int count, int batch) {
        RuntimeService runtime = engine.getRuntimeService();
        HistoryService history = engine.getHistoryService();
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ReviewVariables.PROCESS_KEY).latestVersion().singleResult().getId();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        List<String> started = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < count; from += batch) {
            int first = from;
            started.addAll(transaction.execute(status -> engine.getCommandExecutorTxRequired().execute(context -> {
                List<String> ids = new ArrayList<>();
                for (int i = first; i < Math.min(count, first + batch); i++) {
                    ProcessInstance process = runtime.startProcessInstanceById(definitionId, "floor:" + i,
                            ReviewVariables.atStart(-1L - i, instanceId, 1L, 900_000L + i,
                                    io.cvatqueue.settings.Priority.NORMAL, true));
                    ids.add(process.getId());
                }
                return ids;
            })));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("floor:%").count())
                .isEqualTo(count);
        runtime.deleteProcessInstances(started, "benchmark floor", true, true, true);
        history.deleteHistoricProcessInstances(started);
        return elapsed;
    }
}
