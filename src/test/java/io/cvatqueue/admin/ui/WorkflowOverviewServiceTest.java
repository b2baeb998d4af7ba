package io.cvatqueue.admin.ui;


import io.cvatqueue.admin.WorkflowOverviewService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.admin.WorkflowOverviewService.DeployedProcess;
import io.cvatqueue.admin.WorkflowOverviewService.StepCount;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the workflow's running instances are, as Camunda reports it, against the demo CVAT. */
class WorkflowOverviewServiceTest extends AdminUiTest {

    @Autowired
    WorkflowOverviewService overview;
    @Autowired
    ReviewService reviewService;
    @Autowired
    WorkflowSettingsService settings;
    @Autowired
    ManagementService management;

    AppUser admin;
    AppUser rita;
    ReviewFixture fixture;

    @BeforeEach
    void adminWithManualAssignment() {
        admin = account("overview-admin", Role.ADMIN, DemoCvat.ADMIN);
        rita = account("overview-rita", Role.REVIEWER, "rita");
        as(admin);
        settings.update(DEFAULTS);
        fixture = new ReviewFixture(context);
    }

    @Test
    void bothProcessesAreDeployedWithTheirDiagrams() {
        List<DeployedProcess> processes = overview.processes();

        assertThat(processes).extracting(DeployedProcess::key).containsExactly("job-review", "cvat-sync");
        DeployedProcess jobReview = processes.get(0);
        assertThat(jobReview.version()).isPositive();
        assertThat(jobReview.deployedAt()).isNotNull();
        assertThat(overview.bpmnXml(jobReview.definitionId())).contains("<bpmndi:BPMNDiagram")
                .contains("id=\"Task_Review\"");
        // the sync is started by its timer, which is waiting for its next due time
        assertThat(processes.get(1).nextTimerStart()).isNotNull();
    }

    @Test
    void listsEveryStepWhereAnInstanceCanWaitButNoGatewaysOrStartEvents() {
        assertThat(overview.stepCounts("job-review")).extracting(StepCount::activityId)
                .contains("Task_AssignReviewer", "Task_StartReview", "Task_MarkJobInReview", "Task_Review",
                        "Event_AnnotationCompleted", "SubProcess_JobDeleted")
                .doesNotContain("Gateway_Decision", "Flow_ToReview", "StartEvent_JobCompleted");
        assertThat(overview.stepCounts("job-review")).filteredOn(s -> s.activityId().equals("Task_Review"))
                .singleElement().extracting(StepCount::name).isEqualTo("Review job");
    }

    @Test
    void countsFollowReviewsThroughTheWorkflow() {
        Map<String, StepCount> before = counts();
        List<Review> queued = fixture.queueReviews(demoInstance());
        int n = queued.size();

        assertThat(waiting("Task_AssignReviewer")).isEqualTo(waiting(before, "Task_AssignReviewer") + n);

        Review review = queued.get(0);
        reviewService.assign(review.id(), rita.username());
        assertThat(waiting("Task_AssignReviewer")).isEqualTo(waiting(before, "Task_AssignReviewer") + n - 1);
        assertThat(waiting("Task_StartReview")).isEqualTo(waiting(before, "Task_StartReview") + 1);

        as(rita);
        reviewService.startReview(review.id());
        as(admin);
        // an async step: the instance waits at it until the job executor has run it
        assertThat(waiting("Task_MarkJobInReview")).isEqualTo(waiting(before, "Task_MarkJobInReview") + 1);

        world.runDueJobs();
        assertThat(waiting("Task_MarkJobInReview")).isEqualTo(waiting(before, "Task_MarkJobInReview"));
        assertThat(waiting("Task_Review")).isEqualTo(waiting(before, "Task_Review") + 1);
    }

    @Test
    void jobWithoutRetriesLeftCountsAsFailedAtItsStep() {
        Review review = fixture.queueReviews(demoInstance()).get(0);
        reviewService.assign(review.id(), admin.username());
        reviewService.startReview(review.id());
        Job markInReview = management.createJobQuery().processInstanceId(review.processInstanceId()).singleResult();
        int failedBefore = counts().get("Task_MarkJobInReview").failedJobs();

        management.setJobRetries(markInReview.getId(), 0);

        StepCount step = counts().get("Task_MarkJobInReview");
        assertThat(step.failedJobs()).isEqualTo(failedBefore + 1);
        assertThat(step.busy()).isTrue();
        management.setJobRetries(markInReview.getId(), 1);
        world.runDueJobs();
    }

    @Test
    void reviewersMayNotReadTheOverview() {
        as(rita);

        assertThatThrownBy(() -> overview.stepCounts("job-review")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> overview.processes()).isInstanceOf(AccessDeniedException.class);
    }

    private Map<String, StepCount> counts() {
        return overview.stepCounts("job-review").stream()
                .collect(Collectors.toMap(StepCount::activityId, Function.identity()));
    }

    private int waiting(String activityId) {
        return waiting(counts(), activityId);
    }

    private static int waiting(Map<String, StepCount> counts, String activityId) {
        return counts.get(activityId).waiting();
    }
}
