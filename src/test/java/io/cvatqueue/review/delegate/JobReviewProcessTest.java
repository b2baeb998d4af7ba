package io.cvatqueue.review.delegate;

import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.ReviewCvatActions;
import io.cvatqueue.review.ReviewLifecycle;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.review.ReviewerPicker;
import io.cvatqueue.review.ReviewerPresence;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The review lifecycle of processes/job-review.bpmn, path by path, on an in-memory engine. The delegates are
 * the real ones; the services behind them are mocks, so these tests are about the BPMN.
 */
@Deployment(resources = "processes/job-review.bpmn")
class JobReviewProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder(inMemoryEngine())
            .assertClassCoverageAtLeast(0.95)
            .build();

    private final ReviewCvatActions cvat = mock(ReviewCvatActions.class);
    private final ReviewLifecycle lifecycle = mock(ReviewLifecycle.class);
    private final ReviewerPicker picker = mock(ReviewerPicker.class);
    private final WorkflowSettingsService settings = mock(WorkflowSettingsService.class);
    private final ReviewerPresence presence = mock(ReviewerPresence.class);

    private static ProcessEngineConfiguration inMemoryEngine() {
        ProcessCoverageInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:job-review-process;DB_CLOSE_DELAY=1000");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        return configuration;
    }

    /** Injected by the extension; bound to camunda-bpm-assert so other engines in the JVM do not confuse it. */
    org.camunda.bpm.engine.ProcessEngine processEngine;

    @BeforeEach
    void registerBeans() {
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(processEngine);
        when(settings.reviewSlaDuration(org.mockito.ArgumentMatchers.any())).thenReturn("PT48H");
        when(settings.reviewSlaDuration("URGENT")).thenReturn("PT4H");
        when(picker.pick(anyLong())).thenReturn(Optional.empty());
        when(presence.whyAbsent(org.mockito.ArgumentMatchers.anyString())).thenReturn(Optional.empty());
        Mocks.register("workflowSettings", settings);
        Mocks.register("reviewLifecycle", lifecycle);
        Mocks.register("autoAssignReviewer", new AutoAssignReviewerDelegate(picker));
        Mocks.register("markJobInReview", new MarkJobInReviewDelegate(cvat));
        Mocks.register("approveJobInCvat", new ApproveJobDelegate(cvat));
        Mocks.register("rejectJobInCvat", new RejectJobDelegate(cvat));
        Mocks.register("acceptJobWithoutReview", new AcceptWithoutReviewDelegate(cvat));
        Mocks.register("returnToReviewer", new ReturnToReviewerDelegate(lifecycle));
        Mocks.register("checkReviewerAvailable", new CheckReviewerAvailableDelegate(presence));
        Mocks.register("returnToQueueWhileAway", new ReturnToQueueWhileAwayDelegate(lifecycle, presence));
        Mocks.register("markReviewOverdue", new MarkOverdueDelegate(lifecycle));
        Mocks.register("closeDeletedJob", new CloseDeletedJobDelegate(lifecycle));
        Mocks.register("closeReviewChangedInCvat", new CloseReviewChangedInCvatDelegate(lifecycle));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    private static ProcessInstance jobCompleted(boolean sampled) {
        return runtimeService().startProcessInstanceByKey("job-review", "1:42",
                ReviewVariables.atStart(7L, 1L, 3L, 42L, Priority.NORMAL, sampled));
    }

    private static void assignAndStart(ProcessInstance review, String reviewer) {
        assertThat(review).isWaitingAt("Task_AssignReviewer");
        complete(task(review), withVariables("reviewer", reviewer));
        assertThat(review).isWaitingAt("Task_StartReview").task().isAssignedTo(reviewer);
        complete(task(review));
        assertThat(review).isWaitingAt("Task_MarkJobInReview");
        execute(job(review));
        assertThat(review).isWaitingAt("Task_Review").task().isAssignedTo(reviewer);
    }

    @Test
    void completedJobIsQueuedForAnAdminToAssign() {
        ProcessInstance review = jobCompleted(true);

        assertThat(review).isWaitingAt("Task_AssignReviewer").task().hasCandidateGroup("admins");
        verify(lifecycle).queued(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void approvedReviewAcceptsTheJobInCvat() {
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");
        verify(cvat).markInReview(7L);

        complete(task(review), withVariables("decision", "APPROVED", "decidedBy", "rita"));
        assertThat(review).isWaitingAt("Task_ApproveInCvat");
        execute(job(review));

        verify(cvat).approve(7L);
        assertThat(review).isEnded().hasPassed("EndEvent_Approved");
    }

    @Test
    void rejectedJobReturnsToSameReviewerWhenCompletedAgain() {
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");

        complete(task(review), withVariables("decision", "REJECTED", "rejectionReason", "Wrong labels",
                "reviewNote", "frame 12", "decidedBy", "rita"));
        execute(job(review));
        verify(cvat).reject(7L, "Wrong labels", "frame 12");
        assertThat(review).isWaitingAt("Event_AnnotationCompleted");

        runtimeService().createMessageCorrelation("annotationCompleted").processInstanceBusinessKey("1:42")
                .correlate();

        verify(lifecycle).returnedToReviewer(7L, "rita");
        assertThat(review).isWaitingAt("Task_StartReview").task().isAssignedTo("rita");
        complete(task(review));
        execute(job(review));
        complete(task(review), withVariables("decision", "APPROVED"));
        execute(job(review));
        assertThat(review).isEnded().hasPassed("Task_RejectInCvat", "Task_CheckReviewerAvailable",
                "Task_ReturnToReviewer", "EndEvent_Approved").hasNotPassed("Task_ReturnToQueue");
    }

    @Test
    void reworkThatComesBackWhileTheReviewerIsAwayGoesToTheQueueWithANote() {
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");
        complete(task(review), withVariables("decision", "REJECTED", "rejectionReason", "Wrong labels"));
        execute(job(review));
        String away = "while rita is away until 2030-01-10 08:00 UTC";
        when(presence.whyAbsent("rita")).thenReturn(Optional.of(away));
        when(presence.whyReturned("rita")).thenReturn(away);

        runtimeService().createMessageCorrelation("annotationCompleted").processInstanceBusinessKey("1:42")
                .correlate();

        verify(lifecycle).returnedToQueue(7L, "rita", away);
        verify(lifecycle, never()).returnedToReviewer(anyLong(), org.mockito.ArgumentMatchers.any());
        verify(lifecycle, org.mockito.Mockito.times(2)).queued(org.mockito.ArgumentMatchers.any());
        assertThat(review).hasPassed("Task_ReturnToQueue").isWaitingAt("Task_AssignReviewer").task()
                .hasCandidateGroup("admins");
        org.assertj.core.api.Assertions.assertThat(runtimeService().getVariables(review.getId()))
                .as("the away check leaves no variable behind").doesNotContainKey("reviewerAvailable");
    }

    @Test
    void reworkQueuedWhileTheReviewerIsAwayGoesToWhomeverAnAdminAssigns() {
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");
        complete(task(review), withVariables("decision", "REJECTED", "rejectionReason", "Wrong labels"));
        execute(job(review));
        when(presence.whyAbsent("rita")).thenReturn(Optional.of("while rita is away until 2030-01-10 08:00 UTC"));
        when(presence.whyReturned("rita")).thenReturn("while rita is away until 2030-01-10 08:00 UTC");
        runtimeService().createMessageCorrelation("annotationCompleted").processInstanceBusinessKey("1:42")
                .correlate();

        complete(task(review), withVariables("reviewer", "ravi"));

        assertThat(review).isWaitingAt("Task_StartReview").task().isAssignedTo("ravi");
        complete(task(review));
        execute(job(review));
        complete(task(review), withVariables("decision", "APPROVED"));
        execute(job(review));
        assertThat(review).isEnded().hasPassed("Task_ReturnToQueue", "EndEvent_Approved")
                .hasNotPassed("Task_ReturnToReviewer");
    }

    @Test
    void autoAssignedReviewSkipsTheQueue() {
        when(picker.pick(7L)).thenReturn(Optional.of("ravi"));

        ProcessInstance review = jobCompleted(true);

        assertThat(review).isWaitingAt("Task_StartReview").task().isAssignedTo("ravi");
        assertThat(review).hasNotPassed("Task_AssignReviewer");
    }

    @Test
    void aQueuedReviewStoresWhatIdentifiesItsJobButNotTheSamplingDraw() {
        ProcessInstance review = jobCompleted(true);

        assertThat(review).isWaitingAt("Task_AssignReviewer");
        org.assertj.core.api.Assertions.assertThat(runtimeService().getVariables(review.getId()))
                .containsOnlyKeys("reviewId", "instanceId", "taskId", "jobId", "priority");
    }

    @Test
    void anAutoAssignedReviewStoresItsReviewer() {
        when(picker.pick(7L)).thenReturn(Optional.of("ravi"));

        ProcessInstance review = jobCompleted(true);

        org.assertj.core.api.Assertions.assertThat(runtimeService().getVariables(review.getId()))
                .containsEntry("reviewer", "ravi").doesNotContainKey("sampled");
    }

    @Test
    void jobOutsideTheSampleIsAcceptedWithoutReview() {
        ProcessInstance review = jobCompleted(false);

        assertThat(review).isWaitingAt("Task_AcceptWithoutReview");
        execute(job(review));

        verify(cvat).acceptWithoutReview(7L);
        assertThat(review).isEnded().hasPassed("EndEvent_AcceptedWithoutReview");
    }

    @Test
    void reviewNotStartedWithinTheSlaIsMarkedOverdueAndStaysWithTheReviewer() {
        ProcessInstance review = jobCompleted(true);
        complete(task(review), withVariables("reviewer", "rita"));

        Job slaTimer = managementService().createJobQuery().processInstanceId(review.getId()).timers().singleResult();
        execute(slaTimer);

        verify(lifecycle).overdue(7L);
        assertThat(review).hasPassed("EndEvent_OverdueNotified").isWaitingAt("Task_StartReview");
    }

    @Test
    void theSlaTimerTakesTheDurationOfTheReviewsPriority() {
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("reviewId", 8L);
        variables.put("jobId", 43L);
        variables.put("reviewer", "rita");
        variables.put("sampled", true);
        variables.put("priority", "URGENT");
        when(picker.pick(8L)).thenReturn(Optional.of("rita"));
        java.time.Instant started = java.time.Instant.now();
        ProcessInstance review = runtimeService().startProcessInstanceByKey("job-review", "1:43", variables);

        assertThat(review).isWaitingAt("Task_StartReview");
        Job slaTimer = managementService().createJobQuery().processInstanceId(review.getId()).timers().singleResult();
        org.assertj.core.api.Assertions.assertThat(slaTimer.getDuedate().toInstant())
                .isBetween(started.plus(java.time.Duration.ofHours(4)).minusSeconds(5),
                        started.plus(java.time.Duration.ofHours(4)).plusSeconds(60));
    }

    @Test
    void reviewNotDecidedWithinTheSlaIsMarkedOverdue() {
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");

        Job slaTimer = managementService().createJobQuery().processInstanceId(review.getId()).timers().singleResult();
        execute(slaTimer);

        verify(lifecycle).overdue(7L);
        assertThat(review).hasPassed("Task_MarkOverdue").isWaitingAt("Task_Review");
    }

    @Test
    void jobDeletedInCvatEndsTheReviewWithAReasonInsteadOfAnIncident() {
        doThrow(new CvatException.NotFound("gone")).when(cvat).markInReview(7L);
        ProcessInstance review = jobCompleted(true);
        complete(task(review), withVariables("reviewer", "rita"));
        complete(task(review));

        execute(job(review));

        verify(lifecycle).jobDeleted(7L, CloseDeletedJobDelegate.REASON);
        assertThat(review).isEnded().hasPassed("EndEvent_JobDeleted");
    }

    @Test
    void jobFoundDeletedWhileTheReviewWaitsForReworkEndsItWithTheGivenReason() {
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");
        complete(task(review), withVariables("decision", "REJECTED", "rejectionReason", "Wrong labels"));
        execute(job(review));
        assertThat(review).isWaitingAt("Event_AnnotationCompleted");

        runtimeService().createMessageCorrelation("jobDeleted").processInstanceId(review.getId())
                .setVariable("endReason", "The job was deleted in CVAT (seen by the sync)").correlate();

        verify(lifecycle).jobDeleted(7L, "The job was deleted in CVAT (seen by the sync)");
        assertThat(review).isEnded().hasPassed("Task_CloseNoticedDeletedJob", "EndEvent_JobDeletedNoticed");
    }

    @Test
    void jobAcceptedByHandInCvatWhileQueuedEndsAsAcceptedInCvatOnceAnAdminAdoptsIt() {
        ProcessInstance review = jobCompleted(true);
        assertThat(review).isWaitingAt("Task_AssignReviewer");

        runtimeService().createMessageCorrelation("cvatStateAdopted").processInstanceId(review.getId())
                .setVariable("adoptedStatus", "ACCEPTED_IN_CVAT")
                .setVariable("endReason", "Accepted in CVAT by maria; adopted by admin").correlate();

        verify(lifecycle).endedByCvatChange(7L, io.cvatqueue.review.ReviewStatus.ACCEPTED_IN_CVAT,
                "Accepted in CVAT by maria; adopted by admin");
        assertThat(review).isEnded().hasPassed("Task_CloseReviewChangedInCvat", "EndEvent_CvatStateAdopted");
    }

    @Test
    void jobSentBackToAnnotationInCvatDuringReviewEndsTheReviewOnceAnAdminAdoptsIt() {
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");

        runtimeService().createMessageCorrelation("cvatStateAdopted").processInstanceId(review.getId())
                .setVariable("adoptedStatus", "CHANGED_IN_CVAT").setVariable("endReason", "Changed in CVAT").correlate();

        verify(lifecycle).endedByCvatChange(7L, io.cvatqueue.review.ReviewStatus.CHANGED_IN_CVAT, "Changed in CVAT");
        verify(cvat, never()).approve(anyLong());
        assertThat(review).isEnded().hasPassed("EndEvent_CvatStateAdopted");
        org.assertj.core.api.Assertions.assertThat(managementService().createJobQuery()
                .processInstanceId(review.getId()).count()).as("SLA timers cancelled").isZero();
    }

    @Test
    void jobFoundDeletedWhileItsCvatUpdateIsPendingCancelsTheUpdate() {
        ProcessInstance review = jobCompleted(true);
        complete(task(review), withVariables("reviewer", "rita"));
        complete(task(review));
        assertThat(review).isWaitingAt("Task_MarkJobInReview");

        runtimeService().createMessageCorrelation("jobDeleted").processInstanceId(review.getId()).correlate();

        verify(lifecycle).jobDeleted(7L, CloseDeletedJobDelegate.REASON);
        verify(cvat, never()).markInReview(anyLong());
        assertThat(review).isEnded().hasPassed("EndEvent_JobDeletedNoticed");
        org.assertj.core.api.Assertions.assertThat(managementService().createJobQuery()
                .processInstanceId(review.getId()).count()).isZero();
    }

    @Test
    void cvatDownLeavesTheStepWaitingForRetriesAndLosesNothing() {
        doThrow(new CvatException.Unavailable("CVAT down", 503, null)).when(cvat).approve(7L);
        ProcessInstance review = jobCompleted(true);
        assignAndStart(review, "rita");
        complete(task(review), withVariables("decision", "APPROVED"));

        assertThatThrownBy(() -> execute(job(review))).isInstanceOf(CvatException.Unavailable.class);

        Job retry = managementService().createJobQuery().processInstanceId(review.getId()).singleResult();
        org.assertj.core.api.Assertions.assertThat(retry.getRetries()).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThat(retry.getExceptionMessage()).contains("CVAT down");
        assertThat(review).isWaitingAt("Task_ApproveInCvat").hasNotPassed("EndEvent_Approved");
        verify(cvat, never()).reject(anyLong(), org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    }
}
