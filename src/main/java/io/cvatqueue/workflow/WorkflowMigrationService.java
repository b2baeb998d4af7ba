package io.cvatqueue.workflow;

import io.cvatqueue.workflow.MigrationPreview.ActivityMapping;
import io.cvatqueue.workflow.MigrationProgress.InstanceOutcome;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Moves running instances of an old version onto the newest one with Camunda's migration API: a plan that maps
 * activities with equal ids, a preview of where instances wait and which have no counterpart, and the migration
 * itself as a Camunda batch (run by the job executor, one job per instance) whose progress and failures the admin
 * page shows. Instances that cannot migrate keep running on their version.
 */
@Service
public class WorkflowMigrationService {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final NamedParameterJdbcTemplate jdbc;
    private final SecurityContextHolderStrategy securityContexts;
    private final Clock clock;

    public WorkflowMigrationService(RepositoryService repository, RuntimeService runtime, ManagementService management,
                                    NamedParameterJdbcTemplate jdbc, SecurityContextHolderStrategy securityContexts,
                                    Clock clock) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.jdbc = jdbc;
        this.securityContexts = securityContexts;
        this.clock = clock;
    }

    @Secured("ROLE_ADMIN")
    public MigrationPreview preview(String sourceDefinitionId) {
        Plan plan = plan(sourceDefinitionId);
        List<ActivityMapping> activities = new ArrayList<>();
        for (ActivityStatistics statistics : management.createActivityStatisticsQuery(sourceDefinitionId).list()) {
            activities.add(new ActivityMapping(statistics.getId(), plan.targets().get(statistics.getId()),
                    statistics.getInstances()));
        }
        long total = runtime.createProcessInstanceQuery().processDefinitionId(sourceDefinitionId).count();
        long staying = staying(sourceDefinitionId, plan).size();
        return new MigrationPreview(sourceDefinitionId, plan.source().getVersion(), plan.target().getId(),
                plan.target().getVersion(), activities, total - staying, staying, plan.problems());
    }

    /**
     * Starts the batch that migrates every migratable instance of the version to the newest one.
     *
     * @return the id of the migration, for {@link #progress(long)}
     */
    @Secured("ROLE_ADMIN")
    public long start(String sourceDefinitionId) {
        Plan plan = plan(sourceDefinitionId);
        if (plan.plan() == null) {
            throw new WorkflowException("Camunda refuses the migration plan: " + String.join("; ", plan.problems()));
        }
        Map<String, String> staying = staying(sourceDefinitionId, plan);
        List<String> migratable = runtime.createProcessInstanceQuery().processDefinitionId(sourceDefinitionId).list()
                .stream().map(ProcessInstance::getId).filter(id -> !staying.containsKey(id)).toList();
        if (migratable.isEmpty()) {
            throw new WorkflowException("No instance of version " + plan.source().getVersion() + " can migrate");
        }
        Batch batch = runtime.newMigration(plan.plan()).processInstanceIds(migratable).executeAsync();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("insert into workflow_migration (batch_id, source_definition_id, target_definition_id, "
                        + "started_by, started_at) values (:batch, :source, :target, :by, :at)",
                new MapSqlParameterSource("batch", batch.getId()).addValue("source", sourceDefinitionId)
                        .addValue("target", plan.target().getId()).addValue("by", currentUser())
                        .addValue("at", Timestamp.from(clock.instant())), key, new String[]{"id"});
        long id = key.getKey().longValue();
        List<MapSqlParameterSource> rows = new ArrayList<>();
        migratable.forEach(pid -> rows.add(instanceRow(id, pid, true, null)));
        staying.forEach((pid, activity) -> rows.add(instanceRow(id, pid, false, activity)));
        jdbc.batchUpdate("insert into workflow_migration_instance (migration_id, process_instance_id, migratable, "
                + "blocked_at) values (:id, :pid, :migratable, :blockedAt)", rows.toArray(MapSqlParameterSource[]::new));
        return id;
    }

    /** Where a migration stands: migrated, still pending, failed per instance, and those that stayed. */
    @Secured("ROLE_ADMIN")
    public MigrationProgress progress(long migrationId) {
        Map<String, Object> migration = jdbc.queryForList("select * from workflow_migration where id = :id",
                new MapSqlParameterSource("id", migrationId)).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("No migration " + migrationId));
        String batchId = (String) migration.get("batch_id");
        String source = (String) migration.get("source_definition_id");
        String target = (String) migration.get("target_definition_id");
        List<Map<String, Object>> instances = jdbc.queryForList(
                "select process_instance_id, migratable, blocked_at from workflow_migration_instance "
                        + "where migration_id = :id", new MapSqlParameterSource("id", migrationId));
        Set<String> ids = new HashSet<>();
        instances.forEach(row -> ids.add((String) row.get("process_instance_id")));
        Map<String, ProcessInstance> running = new HashMap<>();
        if (!ids.isEmpty()) {
            runtime.createProcessInstanceQuery().processInstanceIds(ids).list()
                    .forEach(pi -> running.put(pi.getId(), pi));
        }
        BatchStatistics batch = batchId == null ? null
                : management.createBatchStatisticsQuery().batchId(batchId).singleResult();
        boolean batchDone = batch == null || (batch.getJobsCreated() == batch.getTotalJobs()
                && batch.getRemainingJobs() == batch.getFailedJobs());
        Map<String, String> failures = failureMessages(batch);
        int inBatch = 0;
        int migrated = 0;
        int ended = 0;
        int pending = 0;
        List<InstanceOutcome> failed = new ArrayList<>();
        List<InstanceOutcome> staying = new ArrayList<>();
        for (Map<String, Object> row : instances) {
            String pid = (String) row.get("process_instance_id");
            ProcessInstance instance = running.get(pid);
            String businessKey = instance == null ? null : instance.getBusinessKey();
            if (!Boolean.TRUE.equals(row.get("migratable"))) {
                if (instance != null && !instance.getProcessDefinitionId().equals(target)) {
                    staying.add(new InstanceOutcome(pid, businessKey, "waits at " + row.get("blocked_at")
                            + ", which the new version does not have; keeps running on its version"));
                }
                continue;
            }
            inBatch++;
            if (instance == null) {
                ended++;
            } else if (instance.getProcessDefinitionId().equals(target)) {
                migrated++;
            } else if (!batchDone) {
                pending++;
            } else {
                failed.add(new InstanceOutcome(pid, businessKey, failures.entrySet().stream()
                        .filter(f -> f.getKey().contains(pid)).map(Map.Entry::getValue).findFirst()
                        .orElse("not migrated; it keeps running on its version (see the batch in Cockpit)")));
            }
        }
        return new MigrationProgress(migrationId, batchId, source, target, (String) migration.get("started_by"),
                ((Timestamp) migration.get("started_at")).toInstant(), inBatch, migrated, ended, pending, failed,
                staying, batchDone);
    }

    /** Failed batch jobs' messages keyed by the whole message, which names the instance. */
    private Map<String, String> failureMessages(BatchStatistics batch) {
        Map<String, String> messages = new HashMap<>();
        if (batch == null || batch.getFailedJobs() == 0) {
            return messages;
        }
        for (Job job : management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).noRetriesLeft()
                .list()) {
            String message = job.getExceptionMessage() == null ? "failed" : job.getExceptionMessage();
            messages.put(message + " " + management.getJobExceptionStacktrace(job.getId()), message);
        }
        return messages;
    }

    /** Instances waiting at an activity the plan does not map, with that activity. */
    private Map<String, String> staying(String sourceDefinitionId, Plan plan) {
        Map<String, String> staying = new HashMap<>();
        for (ActivityStatistics statistics : management.createActivityStatisticsQuery(sourceDefinitionId).list()) {
            if (!plan.targets().containsKey(statistics.getId())) {
                runtime.createProcessInstanceQuery().processDefinitionId(sourceDefinitionId)
                        .activityIdIn(statistics.getId()).list()
                        .forEach(pi -> staying.putIfAbsent(pi.getId(), statistics.getId()));
            }
        }
        return staying;
    }

    private Plan plan(String sourceDefinitionId) {
        ProcessDefinition source = repository.createProcessDefinitionQuery().processDefinitionId(sourceDefinitionId)
                .singleResult();
        if (source == null) {
            throw new NoSuchElementException("No process version '" + sourceDefinitionId + "'");
        }
        ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(source.getKey())
                .latestVersion().singleResult();
        if (target.getId().equals(source.getId())) {
            throw new WorkflowException("Version " + source.getVersion() + " is the newest: there is nothing to migrate to");
        }
        try {
            MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities()
                    .updateEventTriggers().build();
            Map<String, String> targets = new HashMap<>();
            for (MigrationInstruction instruction : plan.getInstructions()) {
                targets.put(instruction.getSourceActivityId(), instruction.getTargetActivityId());
            }
            return new Plan(source, target, plan, targets, List.of());
        } catch (MigrationPlanValidationException e) {
            List<String> problems = new ArrayList<>();
            for (MigrationInstructionValidationReport report : e.getValidationReport().getInstructionReports()) {
                problems.add(report.getMigrationInstruction().getSourceActivityId() + ": "
                        + String.join(", ", report.getFailures()));
            }
            return new Plan(source, target, null, Map.of(), problems);
        }
    }

    private static MapSqlParameterSource instanceRow(long id, String pid, boolean migratable, String blockedAt) {
        return new MapSqlParameterSource("id", id).addValue("pid", pid).addValue("migratable", migratable)
                .addValue("blockedAt", blockedAt);
    }

    private String currentUser() {
        var authentication = securityContexts.getContext().getAuthentication();
        return authentication == null ? VersionRecorder.SYSTEM : authentication.getName();
    }

    private record Plan(ProcessDefinition source, ProcessDefinition target, MigrationPlan plan,
                        Map<String, String> targets, List<String> problems) {
    }
}
