package io.cvatqueue.workflow;

import java.util.List;

/**
 * What migrating the running instances of one version to the newest would do, before doing it.
 *
 * @param activities     per activity where instances of the source version wait: how many, and where they go
 * @param migratable     instances whose every waiting point has a counterpart in the newest version
 * @param staying        instances waiting somewhere the newest version does not have: they keep running on
 *                       their version
 * @param planProblems   why Camunda refuses parts of the plan, if it does
 */
public record MigrationPreview(String sourceDefinitionId, int sourceVersion, String targetDefinitionId,
                               int targetVersion, List<ActivityMapping> activities, long migratable, long staying,
                               List<String> planProblems) {

    /** @param targetActivityId null when the newest version has no such activity */
    public record ActivityMapping(String activityId, String targetActivityId, long instances) {

        public boolean mapped() {
            return targetActivityId != null;
        }
    }
}
