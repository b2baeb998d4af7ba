package io.cvatqueue.sync;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sync and the review lifecycle end to end against the stateful demo CVAT over real HTTP, with the
 * client's page size cut to 10 so that every list is paged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"app.cvat.page-size=10", "app.demo.simulate=false"})
@ActiveProfiles({"test", "demo"})
class SyncIntegrationTest {

    @Autowired
    io.cvatqueue.notification.NotificationService notifications;
    @Autowired
    SyncService sync;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    DemoCvat cvat;
    @Autowired
    ApplicationContext context;
    @Autowired
    io.cvatqueue.review.ReviewIntake intake;
    @Autowired
    io.cvatqueue.cvat.CvatInstanceService instances;

    DemoWorld world;
    CvatInstance instance;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void demoInstanceWithAnAdminAndAReviewer() {
        world = new DemoWorld(context);
        instance = world.instance();
        admin = world.account("sync-admin", Role.ADMIN, "demo-admin");
        rita = world.account("sync-rita", Role.REVIEWER, "rita");
    }

    @AfterEach
    void logout() {
        world.logOut();
    }

    @Test
    void syncQueuesEveryCompletedJobOnceAcrossPages() {
        long taskId = world.untrackedTaskWithCompletedJobs(11);
        world.track(taskId);
        int completed = completedJobIds(taskId).size();

        SyncResult first = sync.syncTask(instance.id(), taskId, "test");
        SyncResult second = sync.syncTask(instance.id(), taskId, "test");

        assertThat(first.queued()).isEqualTo(completed);
        assertThat(second).isEqualTo(new SyncResult(0, 0, completed));
        assertThat(reviews.findOpenByTask(instance.id(), taskId)).hasSize(completed)
                .allMatch(r -> r.status() == ReviewStatus.QUEUED);
    }

    @Test
    void twoSyncsAtOnceNeverCreateTwoReviewsForOneJob() throws Exception {
        long taskId = world.untrackedTaskWithCompletedJobs(5);
        world.track(taskId);
        List<Long> completed = completedJobIds(taskId);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<SyncResult> syncOnce = () -> sync.syncTask(instance.id(), taskId, "test");
            List<Future<SyncResult>> results = pool.invokeAll(List.of(syncOnce, syncOnce));
            int queued = results.get(0).get().queued() + results.get(1).get().queued();
            assertThat(queued).isEqualTo(completed.size());
        } finally {
            pool.shutdown();
        }
        Map<Long, Long> reviewsPerJob = reviews.findByTask(instance.id(), taskId).stream()
                .collect(Collectors.groupingBy(Review::cvatJobId, Collectors.counting()));
        assertThat(reviewsPerJob).hasSize(completed.size()).allSatisfy((job, count) -> assertThat(count).isOne());
    }

    @Test
    void rejectedJobReturnsToTheSameReviewerAfterReworkAndIsThenApproved() {
        Review review = queuedReviewOfAFreshTask();
        long taskId = review.cvatTaskId();
        long jobId = review.cvatJobId();
        Long annotatorId = cvat.job(jobId).assigneeId();

        world.actAs(admin);
        reviewService.assign(review.id(), rita.username());
        world.actAs(rita);
        String url = reviewService.startReview(review.id());
        assertThat(reviewService.startReview(review.id())).as("a double click on Start Review").isEqualTo(url);
        world.runDueJobs();
        assertThat(url).endsWith("/demo-cvat/tasks/" + taskId + "/jobs/" + jobId);
        assertThat(cvat.job(jobId).stage()).isEqualTo(JobStage.VALIDATION);
        assertThat(cvat.job(jobId).state()).isEqualTo(JobState.IN_PROGRESS);
        assertThat(cvat.job(jobId).assigneeId()).isEqualTo(rita.cvatUserId());

        reviewService.reject(review.id(), "Wrong labels", "Cars labelled as trucks");
        world.runDueJobs();
        assertThat(cvat.job(jobId).stage()).isEqualTo(JobStage.ANNOTATION);
        assertThat(cvat.job(jobId).state()).isEqualTo(JobState.REJECTED);
        assertThat(cvat.job(jobId).assigneeId()).isEqualTo(annotatorId);
        assertThat(cvat.issues(jobId)).anyMatch(issue -> issue.message().contains("Cars labelled as trucks"));
        assertThat(status(review)).isEqualTo(ReviewStatus.REJECTED);

        cvat.completeJob(jobId);
        SyncResult afterRework = sync.syncTask(instance.id(), taskId, "test");

        assertThat(afterRework.requeued()).isEqualTo(1);
        Review returned = reviews.findById(review.id()).orElseThrow();
        assertThat(returned.status()).isEqualTo(ReviewStatus.ASSIGNED);
        assertThat(returned.reviewer()).isEqualTo(rita.username());
        assertThat(returned.rejectionCount()).isEqualTo(1);

        reviewService.startReview(review.id());
        world.runDueJobs();
        reviewService.approve(review.id(), "Fixed, thanks");
        world.runDueJobs();
        assertThat(cvat.job(jobId).stage()).isEqualTo(JobStage.ACCEPTANCE);
        assertThat(cvat.job(jobId).state()).isEqualTo(JobState.COMPLETED);
        assertThat(status(review)).isEqualTo(ReviewStatus.APPROVED);
        assertThat(reviewService.auditTrail(review.id())).extracting(e -> e.action())
                .containsSubsequence("QUEUED", "ASSIGNED", "REVIEW_STARTED", "REJECTED", "CVAT_REJECTED",
                        "RECOMPLETED", "APPROVED", "CVAT_ACCEPTED");
    }

    @Test
    void approvedJobCompletedAgainLaterIsQueuedAgain() {
        Review review = queuedReviewOfAFreshTask();
        long taskId = review.cvatTaskId();
        inReviewBy(review, rita);
        world.actAs(admin);
        reviewService.approve(review.id(), null);
        world.runDueJobs();

        cvat.startJob(review.cvatJobId(), "anna");
        cvat.completeJob(review.cvatJobId());
        SyncResult result = sync.syncTask(instance.id(), taskId, "test");

        assertThat(result.queued()).isEqualTo(1);
        assertThat(reviews.findByTask(instance.id(), taskId).stream()
                .filter(r -> r.cvatJobId() == review.cvatJobId())).hasSize(2);
    }

    @Test
    void secondAdminAssigningTheSameJobIsToldWhoWon() {
        Review review = queuedReviewOfAFreshTask();
        world.actAs(admin);
        reviewService.assign(review.id(), rita.username());

        assertThatThrownBy(() -> reviewService.assign(review.id(), admin.username()))
                .isInstanceOf(ReviewException.class)
                .hasMessageContaining("already assigned to " + rita.username());

        // what the loser can do instead: reassign on purpose, and the new reviewer is told
        reviewService.reassign(review.id(), admin.username());
        assertThat(reviews.findById(review.id()).orElseThrow().reviewer()).isEqualTo(admin.username());
        assertThat(notifications.latest(admin.username(), 20)).extracting(n -> n.message())
                .contains("Job " + review.cvatJobId() + " was reassigned to you for review");
    }

    @Test
    void onlyTheAssignedReviewerOrAnAdminMayDecide() {
        Review review = queuedReviewOfAFreshTask();
        inReviewBy(review, admin);

        world.actAs(rita);
        assertThatThrownBy(() -> reviewService.approve(review.id(), null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reviewService.assign(review.id(), rita.username()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(status(review)).isEqualTo(ReviewStatus.IN_REVIEW);
    }

    /** Given: a task tracked just now with one job completed in CVAT, synced: that job's review, queued. */
    private Review queuedReviewOfAFreshTask() {
        long taskId = world.untrackedTaskWithCompletedJobs(1);
        world.track(taskId);
        sync.syncTask(instance.id(), taskId, "test");
        return reviews.findOpenByTask(instance.id(), taskId).get(0);
    }

    /** Given: the review assigned to the reviewer (by the admin), who has started it; CVAT has been told. */
    private void inReviewBy(Review review, AppUser reviewer) {
        world.actAs(admin);
        reviewService.assign(review.id(), reviewer.username());
        world.actAs(reviewer);
        reviewService.startReview(review.id());
        world.runDueJobs();
    }

    private ReviewStatus status(Review review) {
        return reviews.findById(review.id()).orElseThrow().status();
    }

    @Test
    void aBatchThatMeetsAJobAnotherSyncQueuedFirstStillQueuesAllTheOthers() {
        long taskId = world.untrackedTaskWithCompletedJobs(12);
        world.track(taskId);
        List<io.cvatqueue.cvat.CvatModel.Job> completed = instances.serviceClient(instance.id())
                .listJobs(taskId, JobStage.ANNOTATION, JobState.COMPLETED);
        assertThat(completed).hasSizeGreaterThan(2);
        intake.open(instance.id(), completed.get(completed.size() / 2), "the other sync");

        int started = intake.openAll(instance.id(), completed, "test");

        assertThat(started).isEqualTo(completed.size() - 1);
        Map<Long, Long> reviewsPerJob = reviews.findByTask(instance.id(), taskId).stream()
                .collect(Collectors.groupingBy(Review::cvatJobId, Collectors.counting()));
        assertThat(reviewsPerJob).hasSize(completed.size()).allSatisfy((job, count) -> assertThat(count).isOne());
        assertThat(reviews.findOpenByTask(instance.id(), taskId))
                .allMatch(r -> r.processInstanceId() != null && r.status() == ReviewStatus.QUEUED);
    }

    private List<Long> completedJobIds(long taskId) {
        return cvat.jobs(cvat.user("demo-admin"), DemoCvatModel.JobFilter.task(taskId)).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION && j.state() == JobState.COMPLETED)
                .map(DemoCvatModel.Job::id).toList();
    }
}
