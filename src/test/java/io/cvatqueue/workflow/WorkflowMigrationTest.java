package io.cvatqueue.workflow;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.AuditEntry;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewIntake;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.workflow.MigrationPreview.ActivityMapping;
import io.cvatqueue.workflow.StepTask.FieldType;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Running reviews move to a new version of the workflow, and a step the admin added works without code. */
@WorkflowAppTest
class WorkflowMigrationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    WorkflowDeploymentService deployments;
    @Autowired
    WorkflowMigrationService migrations;
    @Autowired
    WorkflowStepService steps;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewIntake intake;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    RuntimeService runtime;
    @Autowired
    SyncService sync;
    @Autowired
    io.cvatqueue.review.away.AwayService away;

    DemoWorld world;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void adminAndReviewer() {
        world = new DemoWorld(context);
        admin = world.account("mig-admin", Role.ADMIN, DemoCvat.ADMIN);
        rita = world.account("mig-rita", Role.REVIEWER, "rita");
    }

    @AfterEach
    void logOut() {
        world.logOut();
    }

    @Test
    void hundredRunningReviewsMigrateToAVersionWithAnExtraUserTaskWhichCompletesThroughTheGeneratedForm() {
        world.actAs(admin);
        WorkflowVersion base = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Base");
        CvatInstance instance = world.instance();
        List<Review> queued = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queued.add(intake.open(instance.id(), syntheticCompletedJob(7_700_000L + i), "test"));
        }
        Review real = realReview(instance);
        long onBase = runtime.createProcessInstanceQuery().processDefinitionId(base.definitionId()).count();
        assertThat(onBase).isGreaterThanOrEqualTo(101);

        WorkflowVersion extra = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinion(),
                "Second opinion after approval");
        MigrationPreview preview = migrations.preview(base.definitionId());

        assertThat(preview.targetDefinitionId()).isEqualTo(extra.definitionId());
        assertThat(preview.activities()).filteredOn(a -> a.activityId().equals(ReviewVariables.TASK_ASSIGN_REVIEWER))
                .singleElement().satisfies(a -> {
                    assertThat(a.instances()).isGreaterThanOrEqualTo(101);
                    assertThat(a.targetActivityId()).isEqualTo(ReviewVariables.TASK_ASSIGN_REVIEWER);
                });
        assertThat(preview.activities()).allMatch(ActivityMapping::mapped);
        assertThat(preview.migratable()).isEqualTo(onBase);
        assertThat(preview.staying()).isZero();

        long migrationId = migrations.start(base.definitionId());
        assertThat(migrations.progress(migrationId).pending()).isEqualTo(onBase);
        world.runDueJobs();
        MigrationProgress progress = migrations.progress(migrationId);

        assertThat(progress.finished()).isTrue();
        assertThat(progress.migrated()).isEqualTo(onBase);
        assertThat(progress.failed()).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(extra.definitionId()).count())
                .isGreaterThanOrEqualTo(onBase);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(queued.get(42).processInstanceId())
                .singleResult().getProcessDefinitionId()).isEqualTo(extra.definitionId());

        // the migrated real review goes through the new step, which the reviewer completes with its form
        reviewService.assign(real.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(real.id());
        world.runDueJobs();
        reviewService.approve(real.id(), "looks right");
        StepTask secondOpinion = steps.myTasks().stream().filter(t -> real.businessKey().equals(t.businessKey()))
                .findFirst().orElseThrow();
        assertThat(secondOpinion.name()).isEqualTo("Second opinion");
        assertThat(secondOpinion.fields()).extracting(StepTask.Field::type).containsExactly(FieldType.STRING,
                FieldType.LONG, FieldType.BOOLEAN, FieldType.ENUM, FieldType.DATE);
        assertThat(secondOpinion.fields().get(0).required()).isTrue();
        assertThat(secondOpinion.fields().get(2).defaultValue()).isEqualTo(true);
        assertThat(secondOpinion.fields().get(3).options()).containsEntry("redo", "Redo later");

        Map<String, Object> missingOpinion = new HashMap<>(Map.of("score", 3L));
        assertThatThrownBy(() -> steps.complete(secondOpinion.taskId(), missingOpinion))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("opinion");
        steps.complete(secondOpinion.taskId(), Map.of("opinion", "agree", "score", 4L, "agree", true,
                "verdict", "keep", "checkedOn", LocalDate.of(2026, 11, 30)));

        assertThat(runtime.getVariable(real.processInstanceId(), "verdict")).isEqualTo("keep");
        assertThat(runtime.getVariable(real.processInstanceId(), "score")).isEqualTo(4L);
        world.runDueJobs();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(real.processInstanceId()).count()).isZero();
        world.actAs(admin);
        assertThat(reviewService.auditTrail(real.id())).extracting(AuditEntry::action).contains("STEP_COMPLETED");
        assertThat(reviewService.auditTrail(real.id())).filteredOn(e -> e.action().equals("STEP_COMPLETED"))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(rita.username());
                    assertThat(e.note()).startsWith("Second opinion: ").contains("verdict = keep");
                });
    }

    @Test
    void instancesWaitingAtAnActivityTheNewVersionLacksStayOnTheirVersion() {
        world.actAs(admin);
        WorkflowVersion withStep = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinion(),
                "With second opinion");
        Review real = realReview(world.instance());
        reviewService.assign(real.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(real.id());
        world.runDueJobs();
        reviewService.approve(real.id(), "fine");
        world.actAs(admin);
        Review queuedOnly = intake.open(world.instance().id(), syntheticCompletedJob(7_800_001L), "test");
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Without second opinion");

        MigrationPreview preview = migrations.preview(withStep.definitionId());

        assertThat(preview.activities()).filteredOn(a -> a.activityId().equals("Task_SecondOpinion")).singleElement()
                .satisfies(a -> assertThat(a.mapped()).isFalse());
        assertThat(preview.staying()).isGreaterThanOrEqualTo(1);
        long migrationId = migrations.start(withStep.definitionId());
        world.runDueJobs();
        MigrationProgress progress = migrations.progress(migrationId);
        assertThat(progress.staying()).extracting(MigrationProgress.InstanceOutcome::processInstanceId)
                .contains(real.processInstanceId());
        assertThat(progress.failed()).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(real.processInstanceId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(withStep.definitionId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(queuedOnly.processInstanceId())
                .singleResult().getProcessDefinitionId()).isNotEqualTo(withStep.definitionId());
    }

    @Test
    void anInstanceThatMovesToAnUnmappedStepBeforeTheBatchRunsIsListedAsFailedAndKeepsItsVersion() {
        world.actAs(admin);
        WorkflowVersion withStep = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinion(),
                "With second opinion");
        Review real = realReview(world.instance());
        reviewService.assign(real.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(real.id());
        world.runDueJobs();
        world.actAs(admin);
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Without second opinion again");
        long migrationId = migrations.start(withStep.definitionId());

        // the review moves on to the step the new version lacks while the batch waits for the job executor
        world.actAs(rita);
        reviewService.approve(real.id(), "approved before the migration ran");
        world.actAs(admin);
        runJobsUntilDoneOrFailed();
        MigrationProgress progress = migrations.progress(migrationId);

        assertThat(progress.finished()).isTrue();
        assertThat(progress.failed()).extracting(MigrationProgress.InstanceOutcome::processInstanceId)
                .containsExactly(real.processInstanceId());
        assertThat(progress.failed().get(0).reason()).contains("Task_SecondOpinion");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(real.processInstanceId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(withStep.definitionId());
    }

    @Test
    void aReviewAwaitingReworkOnTheVersionBeforeTheAwayCheckMigratesAndGoesToTheQueueWhileItsReviewerIsAway() {
        world.actAs(admin);
        WorkflowVersion before = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.beforeAwayCheck(),
                "Before the away check");
        CvatInstance instance = world.instance();
        Review real = realReview(instance);
        reviewService.assign(real.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(real.id());
        world.runDueJobs();
        reviewService.reject(real.id(), "Wrong labels", null);
        world.runDueJobs();
        world.actAs(admin);
        WorkflowVersion withCheck = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(),
                "With the away check");

        MigrationPreview preview = migrations.preview(before.definitionId());
        assertThat(preview.activities()).filteredOn(a -> a.activityId().equals("Event_AnnotationCompleted"))
                .singleElement().satisfies(a -> assertThat(a.targetActivityId()).isEqualTo("Event_AnnotationCompleted"));
        long migrationId = migrations.start(before.definitionId());
        world.runDueJobs();
        assertThat(migrations.progress(migrationId).failed()).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(real.processInstanceId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(withCheck.definitionId());

        world.actAs(rita);
        away.markAway(rita.username(), java.time.Instant.now().minusSeconds(60),
                java.time.Instant.now().plus(java.time.Duration.ofDays(2)), null);
        try {
            context.getBean(DemoCvat.class).completeJob(real.cvatJobId());
            sync.syncTask(instance.id(), real.cvatTaskId(), "test");

            Review returned = reviews.findById(real.id()).orElseThrow();
            assertThat(returned.status()).isEqualTo(io.cvatqueue.review.ReviewStatus.QUEUED);
            assertThat(returned.reviewer()).isNull();
        } finally {
            away.currentAndComing(rita.username()).forEach(period -> away.cancel(period.id()));
        }
    }

    @Test
    void theNewestVersionHasNothingToMigrateTo() {
        world.actAs(admin);
        WorkflowVersion newest = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Newest");

        assertThatThrownBy(() -> migrations.preview(newest.definitionId())).isInstanceOf(WorkflowException.class)
                .hasMessageContaining("newest");
    }

    /** As the job executor does: a failing job loses a retry and is tried again until none are left. */
    private void runJobsUntilDoneOrFailed() {
        ManagementService management = context.getBean(ManagementService.class);
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (ProcessEngineException expected) {
                    // the engine has recorded the failure on the job
                }
            }
        }
    }

    /** A review of a real demo CVAT job, so that its CVAT steps work. */
    private Review realReview(CvatInstance instance) {
        long taskId = world.untrackedTaskWithCompletedJobs(1);
        world.track(taskId);
        sync.syncTask(instance.id(), taskId, "test");
        return reviews.findOpenByTask(instance.id(), taskId).get(0);
    }

    /** A job only the workflow sees: it stays queued, which is all the migration needs. */
    private static CvatModel.Job syntheticCompletedJob(long id) {
        return new CvatModel.Job(id, 990_000L, null, null, CvatModel.JobStage.ANNOTATION, CvatModel.JobState.COMPLETED,
                "annotation", 10, 0, 9, null, null, null, null, null);
    }
}
