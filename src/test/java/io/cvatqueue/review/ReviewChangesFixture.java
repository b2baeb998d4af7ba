package io.cvatqueue.review;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.api.DemoFixture;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.sync.SyncService;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reviews at each step, on jobs of the demo CVAT's shared task, for the tests of what changed about a job (rework
 * delta, changes in CVAT outside the workflow). Not a bean: tests construct it from their context.
 */
public final class ReviewChangesFixture {

    private final DemoWorld world;
    private final DemoFixture demo;
    private final SyncService sync;
    private final ReviewService reviewService;
    private final ReviewRepository reviews;

    public ReviewChangesFixture(ApplicationContext context) {
        this.world = new DemoWorld(context);
        this.demo = new DemoFixture(context);
        this.sync = context.getBean(SyncService.class);
        this.reviewService = context.getBean(ReviewService.class);
        this.reviews = context.getBean(ReviewRepository.class);
    }

    public DemoWorld world() {
        return world;
    }

    public DemoFixture demo() {
        return demo;
    }

    /** {@link DemoWorld#everyJobQueued()}, set by the admin. */
    public void everyJobQueued(AppUser admin) {
        world.actAs(admin);
        world.everyJobQueued();
        world.logOut();
    }

    /** A job anna has just completed, queued by a sync. */
    public Review queued() {
        DemoCvatModel.Job job = demo.freshlyCompletedJob();
        sync.syncTask(demo.instance().id(), job.taskId(), "test");
        Review review = reviews.findByOpenKey(Review.openKey(demo.instance().id(), job.id())).orElseThrow();
        assertThat(review.status()).isEqualTo(ReviewStatus.QUEUED);
        return review;
    }

    public Review inReview(AppUser admin, AppUser reviewer) {
        Review review = queued();
        world.actAs(admin);
        reviewService.assign(review.id(), reviewer.username());
        world.actAs(reviewer);
        reviewService.startReview(review.id());
        world.runDueJobs();
        Review now = reviews.findById(review.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        return now;
    }

    /** Rejected by the reviewer, and the rejection carried out in CVAT (the job is back with anna). */
    public Review rejected(AppUser admin, AppUser reviewer, String reason) {
        Review review = inReview(admin, reviewer);
        world.actAs(reviewer);
        reviewService.reject(review.id(), reason, "Please look at every frame again");
        world.runDueJobs();
        Review now = reviews.findById(review.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(ReviewStatus.REJECTED);
        return now;
    }

    public Review reread(Review review) {
        return world.reread(review);
    }

    public void sync(Review review) {
        sync.syncTask(review.instanceId(), review.cvatTaskId(), "test");
    }
}
