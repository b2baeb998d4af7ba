package io.cvatqueue.admin.ui;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.sync.SyncService;
import org.springframework.context.ApplicationContext;

import java.util.List;

/**
 * Puts reviews into the workflow the way production does: a task of the demo CVAT with completed jobs is
 * tracked and synced, which starts one job-review process per completed job. Not a bean: other test contexts
 * run without the demo CVAT.
 */
class ReviewFixture {

    private final DemoWorld world;
    private final SyncService sync;
    private final ReviewRepository reviews;

    ReviewFixture(ApplicationContext context) {
        this.world = new DemoWorld(context);
        this.sync = context.getBean(SyncService.class);
        this.reviews = context.getBean(ReviewRepository.class);
    }

    /** Tracks and syncs a so far untracked task with at least one completed job; returns its open reviews. */
    List<Review> queueReviews(CvatInstance instance) {
        long taskId = world.untrackedTaskWithCompletedJobs(1);
        world.track(taskId);
        sync.syncTask(instance.id(), taskId, "test");
        return reviews.findOpenByTask(instance.id(), taskId);
    }
}
