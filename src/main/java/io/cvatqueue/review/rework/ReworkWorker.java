package io.cvatqueue.review.rework;

import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.rework.ReworkStore.DeltaRow;
import io.cvatqueue.review.rework.ReworkStore.DeltaStatus;
import io.cvatqueue.review.rework.ReworkStore.SnapshotRow;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Computes rework deltas in the background, off the sync and off any page: downloading a job of 10,000 shapes
 * takes seconds. Woken when a rework comes back, and every minute for deltas that wait for CVAT (a failed
 * attempt is tried again, up to {@link #MAX_ATTEMPTS} times). Each attempt is claimed in the database first, so
 * two nodes never compute the same delta at once. Runs where the workflow's job executor runs (not in tests,
 * which call {@link #runPending()} themselves).
 */
@Component
public class ReworkWorker {

    static final int MAX_ATTEMPTS = 10;
    private static final Logger log = LoggerFactory.getLogger(ReworkWorker.class);

    private final ReworkStore store;
    private final ReviewRepository reviews;
    private final ReworkCvat cvat;
    private final Clock clock;
    private final boolean background;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rework-delta");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    ReworkWorker(ReworkStore store, ReviewRepository reviews, ReworkCvat cvat, Clock clock,
                 @Value("${camunda.bpm.job-execution.enabled:true}") boolean background) {
        this.store = store;
        this.reviews = reviews;
        this.cvat = cvat;
        this.clock = clock;
        this.background = background;
    }

    /** A delta was asked for: compute it soon, on the worker's thread. */
    void wakeUp() {
        if (background && wakeUpQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeUpQueued.set(false);
                runPendingQuietly();
            });
        }
    }

    @Scheduled(fixedDelayString = "${app.rework.retry-interval:60s}", initialDelayString = "${app.rework.retry-interval:60s}")
    void retry() {
        wakeUp();
    }

    /** Computes every pending delta now; returns how many were finished. */
    public int runPending() {
        int finished = 0;
        for (DeltaRow row : store.pendingDeltas(MAX_ATTEMPTS)) {
            if (store.claim(row) && compute(row)) {
                finished++;
            }
        }
        return finished;
    }

    private void runPendingQuietly() {
        try {
            runPending();
        } catch (RuntimeException e) {
            log.warn("Computing rework deltas failed: {}", e.getMessage(), e);
        }
    }

    private boolean compute(DeltaRow row) {
        SnapshotRow snapshot = store.snapshot(row.reviewId(), row.round()).orElse(null);
        if (snapshot == null || snapshot.snapshot() == null) {
            store.finish(row.id(), DeltaStatus.UNAVAILABLE, null, snapshot == null
                    ? "No snapshot was kept when the job was rejected (rejected before this version of the app)"
                    : snapshot.problem(), clock.instant());
            return true;
        }
        Review review = reviews.findById(row.reviewId()).orElseThrow();
        try {
            JobSnapshot now = cvat.snapshot(review);
            store.finish(row.id(), DeltaStatus.READY, ReworkDeltaCalculator.compare(snapshot.snapshot(), now), null,
                    clock.instant());
            return true;
        } catch (CvatException.NotFound e) {
            store.finish(row.id(), DeltaStatus.UNAVAILABLE, null, "The job is gone from CVAT", clock.instant());
            return true;
        } catch (CvatException e) {
            boolean last = row.attempts() + 1 >= MAX_ATTEMPTS;
            String problem = "CVAT could not serve the job's annotations: " + e.getMessage();
            log.info("Rework delta of job {} (review {}), attempt {}: {}", review.cvatJobId(), review.id(),
                    row.attempts() + 1, e.getMessage());
            if (last) {
                store.finish(row.id(), DeltaStatus.UNAVAILABLE, null, problem, clock.instant());
                return true;
            }
            store.attemptFailed(row.id(), problem + " (tried again within a minute)");
            return false;
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
