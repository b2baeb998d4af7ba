package io.cvatqueue.review;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.notification.Notification;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.review.assignment.AssignmentService;
import io.cvatqueue.review.assignment.ReviewerWorkload;
import io.cvatqueue.sync.SyncService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reviewer who leaves the team: deactivating the account hands their open reviews to others, rework of a job
 * they rejected comes back to the queue instead of to them, and they are sent no more notices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"app.demo.simulate=false"})
@ActiveProfiles({"test", "demo"})
class DeactivatedReviewerIntegrationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    AssignmentService assignment;
    @Autowired
    AccountService accounts;
    @Autowired
    SyncService sync;
    @Autowired
    DemoCvat cvat;
    @Autowired
    QueueNotes queueNotes;
    @Autowired
    AuditTrail audit;
    @Autowired
    NotificationService notifications;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;

    DemoWorld world;
    CvatInstance instance;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void demoInstanceWithAnAdminAndAReviewerWhoLeaves() {
        world = new DemoWorld(context);
        instance = world.instance();
        admin = world.account("leaving-admin", Role.ADMIN, DemoCvat.ADMIN);
        rita = world.account("leaving-rita", Role.REVIEWER, "rita");
        world.actAs(admin);
        accounts.setActive(rita.id(), true); // each test starts with her still on the team
        world.everyJobQueued();
    }

    @AfterEach
    void logout() {
        world.logOut();
    }

    @Test
    void aRejectedJobCompletedAgainAfterItsReviewerWasDeactivatedWaitsInTheQueueWithANote() {
        Review review = world.queuedReview();
        reviewService.assign(review.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(review.id());
        world.runDueJobs();
        reviewService.reject(review.id(), "Wrong labels", null);
        world.runDueJobs();
        world.actAs(admin);
        assignment.deactivate(rita.id());

        cvat.completeJob(review.cvatJobId());
        sync.syncTask(instance.id(), review.cvatTaskId(), "test");

        Review returned = reviews.findById(review.id()).orElseThrow();
        assertThat(returned.status()).isEqualTo(ReviewStatus.QUEUED);
        assertThat(returned.reviewer()).isNull();
        String note = "Returned because leaving-rita's account is deactivated; was reviewed by leaving-rita";
        assertThat(queueNotes.of(review.id())).contains(note);
        assertThat(audit.forJob(instance.id(), review.cvatJobId()))
                .anyMatch(e -> e.action().equals("RETURNED_TO_QUEUE") && e.note().contains(note));
        assertThat(notifications.latest(admin.username(), 20))
                .anyMatch(n -> n.kind() == NotificationKind.RETURNED_TO_QUEUE && n.message().contains(note));
    }

    @Test
    void deactivatingAReviewerMovesTheirOpenReviewsToOtherReviewers() {
        world.account("staying-ravi", Role.REVIEWER, "ravi"); // someone to take them
        Review waiting = world.queuedReview();
        Review started = world.queuedReview();
        reviewService.assign(waiting.id(), rita.username());
        reviewService.assign(started.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(started.id());
        world.runDueJobs();
        world.actAs(admin);

        AssignmentService.Outcome outcome = assignment.deactivate(rita.id());

        assertThat(accounts.findByUsername(rita.username()).orElseThrow().active()).isFalse();
        assertThat(outcome.moved()).as(outcome.summary() + " " + outcome.problems()).isEqualTo(2);
        assertThat(outcome.left()).isZero();
        assertThat(reviews.countActiveForReviewer(rita.username())).isZero();
        assertThat(reviews.findById(started.id()).orElseThrow().status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(outcome.assignedTo().keySet()).allSatisfy(reviewer ->
                assertThat(accounts.findByUsername(reviewer).orElseThrow().active()).isTrue());
    }

    @Test
    void aStartedReviewWhoseCvatStepHasNotRunYetMovesTooAndOpensForTheNewReviewer() {
        world.account("staying-ravi", Role.REVIEWER, "ravi");
        Review started = world.queuedReview();
        reviewService.assign(started.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(started.id()); // the step that tells CVAT waits for the job executor
        world.actAs(admin);

        AssignmentService.Outcome outcome = assignment.deactivate(rita.id());

        assertThat(outcome.moved()).as(outcome.summary() + " " + outcome.problems()).isEqualTo(1);
        String taker = outcome.assignedTo().keySet().iterator().next();
        assertThat(reviews.findById(started.id()).orElseThrow().reviewer()).isEqualTo(taker);

        world.runDueJobs();

        Review inReview = reviews.findById(started.id()).orElseThrow();
        assertThat(inReview.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(inReview.reviewer()).isEqualTo(taker);
        assertThat(tasks.createTaskQuery().processInstanceId(inReview.processInstanceId())
                .taskDefinitionKey(ReviewVariables.TASK_REVIEW).singleResult().getAssignee()).isEqualTo(taker);
        assertThat(cvat.job(inReview.cvatJobId()).assigneeId())
                .isEqualTo(accounts.findByUsername(taker).orElseThrow().cvatUserId());
    }

    @Test
    void aCvatStepAlreadyRunningWhenItsReviewIsReassignedRunsAgainForTheNewReviewer() throws Exception {
        AppUser ravi = world.account("staying-ravi", Role.REVIEWER, "ravi");
        Review started = world.queuedReview();
        reviewService.assign(started.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(started.id());
        world.actAs(admin);
        String stepJob = management.createJobQuery().processInstanceId(started.processInstanceId())
                .activityId(ReviewVariables.TASK_MARK_JOB_IN_REVIEW).singleResult().getId();

        CompletableFuture<Void> step;
        synchronized (cvat) {
            // the step runs and waits inside its CVAT request, having read rita as the reviewer
            step = CompletableFuture.runAsync(() -> management.executeJob(stepJob));
            awaitAThreadBlockedOnThisThreadsLock();
            reviewService.reassign(started.id(), ravi.username());
        }
        assertThatThrownBy(step::join).hasRootCauseInstanceOf(OptimisticLockingException.class);

        // the engine keeps the step for another run (the job executor's retry, a minute later)
        management.executeJob(stepJob);

        Review inReview = reviews.findById(started.id()).orElseThrow();
        assertThat(inReview.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(inReview.reviewer()).isEqualTo(ravi.username());
        assertThat(tasks.createTaskQuery().processInstanceId(inReview.processInstanceId())
                .taskDefinitionKey(ReviewVariables.TASK_REVIEW).singleResult().getAssignee())
                .isEqualTo(ravi.username());
        assertThat(cvat.job(inReview.cvatJobId()).assigneeId()).isEqualTo(ravi.cvatUserId());
    }

    private static void awaitAThreadBlockedOnThisThreadsLock() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        for (int i = 0; i < 200; i++) {
            for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
                if (info.getLockOwnerId() == me) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The CVAT step never reached CVAT");
    }

    @Test
    void aDeactivatedAccountStillHoldingReviewsStaysInTheWorkloadUntilTheyAreMoved() {
        world.account("staying-ravi", Role.REVIEWER, "ravi");
        Review review = world.queuedReview();
        reviewService.assign(review.id(), rita.username());
        accounts.setActive(rita.id(), false); // as when nobody had room to take it at the deactivation

        assertThat(assignment.workload(instance.id())).filteredOn(w -> w.username().equals(rita.username()))
                .singleElement().satisfies(w -> {
                    assertThat(w.active()).isFalse();
                    assertThat(w.assigned()).isEqualTo(1);
                });

        assignment.moveOpenReviews(instance.id(), rita.username());
        assertThat(assignment.workload(instance.id())).extracting(ReviewerWorkload::username)
                .doesNotContain(rita.username());
    }

    @Test
    void aDeactivatedAccountIsSentNoNotices() {
        assignment.deactivate(rita.id());
        long before = notifications.latest(rita.username(), 100).size();

        notifications.notify(rita.username(), NotificationKind.REVIEW_ASSIGNED, "Job 1 was assigned to you");

        assertThat(notifications.latest(rita.username(), 100)).hasSize((int) before)
                .extracting(Notification::message).doesNotContain("Job 1 was assigned to you");
    }
}
