package io.cvatqueue.review;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.sync.SyncResult;
import io.cvatqueue.sync.SyncService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults where the real transaction meets a real HTTP CVAT (the demo CVAT over HTTP, the engine's own job
 * transactions): jobs deleted in CVAT at every step of a review, and two admins assigning one job at once.
 * A review whose job is gone must end with its reason, tell admins, and leave no incident behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"app.demo.simulate=false"})
@ActiveProfiles({"test", "demo"})
class ReviewFaultsIntegrationTest {

    @Autowired
    SyncService sync;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    NotificationService notifications;
    @Autowired
    DemoCvat cvat;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ApplicationContext context;

    DemoWorld world;
    CvatInstance instance;
    AppUser admin;
    AppUser rita;
    AppUser ravi;

    @BeforeEach
    void demoInstanceWithAnAdminAndTwoReviewers() {
        world = new DemoWorld(context);
        instance = world.instance();
        admin = world.account("faults-admin", Role.ADMIN, "demo-admin");
        rita = world.account("faults-rita", Role.REVIEWER, "rita");
        ravi = world.account("faults-ravi", Role.REVIEWER, "ravi");
        // other tests in this Spring context may have switched sampling or auto-assignment: every job is queued here
        world.actAs(admin);
        world.everyJobQueued();
        world.logOut();
    }

    @AfterEach
    void logout() {
        world.logOut();
    }

    @Test
    void jobDeletedWhileItsStartIsPendingEndsTheReviewWithoutAnIncident() {
        Review review = world.queuedReview();
        assign(review, rita);
        world.actAs(rita);
        reviewService.startReview(review.id());

        deleteInCvat(review);
        world.runDueJobs();

        assertEndedBecauseDeleted(review);
    }

    @Test
    void startingTheReviewOfADeletedJobSaysSoInsteadOfStarted() {
        Review review = world.queuedReview();
        assign(review, rita);
        deleteInCvat(review);
        world.actAs(rita);

        assertThatThrownBy(() -> reviewService.startReview(review.id()))
                .isInstanceOf(ReviewException.class)
                .hasMessageContaining("was deleted in CVAT, so its review has ended");

        assertEndedBecauseDeleted(review);
    }

    @Test
    void approvalOfAJobDeletedAfterTheDecisionEndsTheReviewWithoutAnIncident() {
        Review review = inReview(rita);
        reviewService.approve(review.id(), "fine");

        deleteInCvat(review);
        world.runDueJobs();

        assertEndedBecauseDeleted(review);
    }

    @Test
    void rejectionOfAJobDeletedAfterTheDecisionEndsTheReviewWithoutAnIncident() {
        Review review = inReview(rita);
        reviewService.reject(review.id(), "Wrong labels", null);

        deleteInCvat(review);
        world.runDueJobs();

        assertEndedBecauseDeleted(review);
    }

    @Test
    void decidingOnAJobAlreadyDeletedIsRefusedWithTheReasonAndEndsTheReview() {
        Review review = inReview(rita);
        deleteInCvat(review);

        assertThatThrownBy(() -> reviewService.reject(review.id(), "Wrong labels", null))
                .isInstanceOf(ReviewException.class).hasMessageContaining("deleted in CVAT");

        assertEndedBecauseDeleted(review);
    }

    @Test
    void syncEndsTheReviewOfARejectedJobDeletedBeforeItsRework() {
        Review review = inReview(rita);
        reviewService.reject(review.id(), "Wrong labels", null);
        world.runDueJobs();
        assertThat(reviews.findById(review.id()).orElseThrow().status()).isEqualTo(ReviewStatus.REJECTED);

        deleteInCvat(review);
        SyncResult result = sync.syncTask(instance.id(), review.cvatTaskId(), "test");

        assertThat(result.ended()).isEqualTo(1);
        assertEndedBecauseDeleted(review);
    }

    @Test
    void aRejectionNoteCvatDoesNotLetTheReviewerPostIsPostedByTheServiceAccountAndNamesTheReviewer() {
        Review review = inReview(rita);
        reviewService.reject(review.id(), "Wrong labels", "frame 3");
        world.runDueJobs();

        // the demo CVAT, like CVAT for a plain user, refuses issues on a job no longer assigned to the reviewer
        assertThat(cvat.issues(review.cvatJobId())).singleElement().satisfies(issue -> {
            assertThat(issue.ownerId()).isEqualTo(cvat.user(DemoCvat.ADMIN).id());
            assertThat(issue.message()).contains("Wrong labels").contains(rita.username());
        });
    }

    @Test
    void theLoserOfTwoSimultaneousAssignmentsIsToldWhoReallyHasTheJob() throws Exception {
        List<Review> queued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            queued.add(world.queuedReview());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Review review : queued) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (AppUser reviewer : List.of(rita, ravi)) {
                    Callable<String> assign = () -> {
                        world.actAs(admin);
                        go.await();
                        try {
                            reviewService.assign(review.id(), reviewer.username());
                            return "won";
                        } catch (ReviewException e) {
                            return e.getMessage();
                        } finally {
                            world.logOut();
                        }
                    };
                    outcomes.add(pool.submit(assign));
                }
                go.countDown();
                List<String> results = List.of(outcomes.get(0).get(), outcomes.get(1).get());

                String winner = reviews.findById(review.id()).orElseThrow().reviewer();
                assertThat(results).as("exactly one assignment wins").containsOnlyOnce("won");
                String loserMessage = results.stream().filter(r -> !r.equals("won")).findFirst().orElseThrow();
                assertThat(loserMessage).as("the loser is told the real winner").contains("assigned to " + winner);
            }
        } finally {
            pool.shutdown();
        }
    }

    private void assign(Review review, AppUser reviewer) {
        world.actAs(admin);
        reviewService.assign(review.id(), reviewer.username());
    }

    private Review inReview(AppUser reviewer) {
        Review review = world.queuedReview();
        assign(review, reviewer);
        world.actAs(reviewer);
        reviewService.startReview(review.id());
        world.runDueJobs();
        assertThat(reviews.findById(review.id()).orElseThrow().status()).isEqualTo(ReviewStatus.IN_REVIEW);
        return review;
    }

    private void deleteInCvat(Review review) {
        cvat.deleteJob(cvat.user(DemoCvat.ADMIN), review.cvatJobId());
    }

    private void assertEndedBecauseDeleted(Review review) {
        Review now = reviews.findById(review.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(ReviewStatus.JOB_DELETED);
        assertThat(now.endReason()).isEqualTo(DeletedJobs.REASON);
        assertThat(now.openKey()).isNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(review.processInstanceId()).count())
                .as("the review's process has ended").isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(review.processInstanceId()).count())
                .as("incidents").isZero();
        assertThat(management.createJobQuery().processInstanceId(review.processInstanceId()).count())
                .as("jobs left to retry").isZero();
        assertThat(notifications.latest(admin.username(), 50))
                .anyMatch(n -> n.kind() == NotificationKind.JOB_DELETED
                        && n.message().contains("job " + review.cvatJobId()));
    }
}
