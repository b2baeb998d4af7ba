package io.cvatqueue.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A migration started from the admin page, as far as it got.
 *
 * @param inBatch  instances handed to Camunda's batch
 * @param pending  instances of the batch not migrated yet (the batch still runs)
 * @param failed   instances the batch could not migrate, with the engine's reason; they run on their old version
 * @param staying  instances left out of the batch because their activity has no counterpart; they run on their
 *                 old version
 */
public record MigrationProgress(long id, String batchId, String sourceDefinitionId, String targetDefinitionId,
                                String startedBy, Instant startedAt, int inBatch, int migrated, int ended,
                                int pending, List<InstanceOutcome> failed, List<InstanceOutcome> staying,
                                boolean finished) {

    public record InstanceOutcome(String processInstanceId, String businessKey, String reason) {
    }
}
