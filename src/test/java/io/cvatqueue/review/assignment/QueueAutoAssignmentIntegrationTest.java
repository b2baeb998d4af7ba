package io.cvatqueue.review.assignment;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.settings.AssignmentPolicy;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import io.cvatqueue.sync.SyncService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-assignment serves the queue in order: when a reviewer has room again, the most urgent waiting review goes
 * to them, not the one that happens to come first.
 */
// an app of its own: the order is about every review in the queue, and other tests leave theirs there
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"app.demo.simulate=false",
        "app.test.context=queue-auto-assignment"})
@ActiveProfiles({"test", "demo"})
class QueueAutoAssignmentIntegrationTest {

    @Autowired
    SyncService sync;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    DemoCvat cvat;
    @Autowired
    WorkflowSettingsService settings;
    @Autowired
    PriorityService priorities;
    @Autowired
    ApplicationContext context;

    DemoWorld world;
    CvatInstance instance;
    AppUser admin;
    AppUser olga;
    WorkflowSettings before;

    @BeforeEach
    void oneReviewerPresentAndAutoAssignmentOff() {
        world = new DemoWorld(context);
        instance = world.instance();
        admin = world.account("order-admin", Role.ADMIN, "demo-admin");
        olga = world.account("order-olga", Role.REVIEWER, "rita");
        world.actAs(admin);
        before = settings.get();
        autoAssign(false, 1);
    }

    @AfterEach
    void restore() {
        world.actAs(admin);
        settings.update(before);
        world.logOut();
    }

    @Test
    void whenAReviewerHasRoomAgainTheMostUrgentWaitingReviewGoesToThemNotTheOldest() {
        Review current = queuedReview();
        reviewService.assign(current.id(), olga.username());
        Review lowAndOld = queuedReview();
        priorities.setForReviews(List.of(lowAndOld.id()), Priority.LOW);
        Review urgentAndNew = queuedReview();
        priorities.setForReviews(List.of(urgentAndNew.id()), Priority.URGENT);
        autoAssignWithRoomForOneMoreAfterTheCurrent();

        world.actAs(olga);
        reviewService.startReview(current.id());
        world.runDueJobs();
        reviewService.approve(current.id(), null);
        world.runDueJobs();

        assertThat(reviews.findById(urgentAndNew.id()).orElseThrow())
                .extracting(Review::status, Review::reviewer).containsExactly(ReviewStatus.ASSIGNED, olga.username());
        assertThat(reviews.findById(lowAndOld.id()).orElseThrow().status()).isEqualTo(ReviewStatus.QUEUED);
    }

    @Test
    void aNewReviewDoesNotOvertakeAMoreUrgentOneWaitingInTheQueue() {
        Review current = queuedReview();
        reviewService.assign(current.id(), olga.username());
        Review urgentWaiting = queuedReview();
        priorities.setForReviews(List.of(urgentWaiting.id()), Priority.URGENT);
        world.actAs(olga);
        reviewService.startReview(current.id());
        world.runDueJobs();
        reviewService.approve(current.id(), null);
        world.runDueJobs();
        world.actAs(admin);
        autoAssign(true, openOfOlga() + 1);

        Review arriving = queuedReview();

        assertThat(reviews.findById(urgentWaiting.id()).orElseThrow())
                .extracting(Review::status, Review::reviewer).containsExactly(ReviewStatus.ASSIGNED, olga.username());
        assertThat(reviews.findById(arriving.id()).orElseThrow().status()).isEqualTo(ReviewStatus.QUEUED);
    }

    /** The cap lets olga have what she has now (with the current review): she has room once that one is done. */
    private void autoAssignWithRoomForOneMoreAfterTheCurrent() {
        autoAssign(true, openOfOlga());
    }

    private int openOfOlga() {
        return (int) reviews.countActiveForReviewer(olga.username());
    }

    private void autoAssign(boolean on, int cap) {
        WorkflowSettings current = settings.get();
        settings.update(new WorkflowSettings(current.syncInterval(), on, cap, 100, current.reviewSla())
                .withTeamSettings(AssignmentPolicy.ROUND_ROBIN, Duration.ofHours(96), Duration.ofHours(24),
                        Duration.ofHours(4)));
    }

    private Review queuedReview() {
        DemoCvatModel.User owner = cvat.user(DemoCvat.ADMIN);
        DemoCvatModel.Job job = cvat.jobs(owner, DemoCvatModel.JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .filter(j -> reviews.findByOpenKey(Review.openKey(instance.id(), j.id())).isEmpty())
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo CVAT has no unfinished job left"));
        world.track(job.taskId());
        world.completeAsAnna(job.id());
        sync.syncTask(instance.id(), job.taskId(), "test");
        return reviews.findByOpenKey(Review.openKey(instance.id(), job.id())).orElseThrow();
    }
}
