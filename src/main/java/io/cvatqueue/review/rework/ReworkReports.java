package io.cvatqueue.review.rework;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.rework.ReworkStore.DeltaRow;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What changed since the last rejection, for the review page and the REST API: only reads what the background
 * computed, so a page never waits for CVAT however big the job is.
 */
@Service
public class ReworkReports {

    private final ReworkStore store;
    private final CvatInstanceService instances;

    public ReworkReports(ReworkStore store, CvatInstanceService instances) {
        this.store = store;
        this.instances = instances;
    }

    /** The report of the review's latest rework; empty when the job was never reworked (or not yet). */
    public Optional<ReworkReport> latest(Review review) {
        Optional<DeltaRow> row = store.latestDelta(review.id());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        DeltaRow delta = row.get();
        Instant rejectedAt = store.snapshot(review.id(), delta.round()).map(ReworkStore.SnapshotRow::takenAt)
                .orElse(null);
        String baseUrl = instances.get(review.instanceId()).baseUrl();
        List<FrameLink> frames = delta.delta() == null ? List.of() : delta.delta().framesTouched().stream()
                .map(f -> new FrameLink(f, CvatClient.frameUrl(baseUrl, review.cvatTaskId(), review.cvatJobId(), f)))
                .toList();
        return Optional.of(new ReworkReport(delta.round(), ReworkReport.Status.valueOf(delta.status().name()),
                rejectedAt, delta.requestedAt(), delta.computedAt(), delta.problem(), delta.delta(), frames));
    }

    /**
     * @param round       which rejection the rework answers (1 for the first)
     * @param rejectedAt  when the rejected version was kept
     * @param completedAt when the job came back completed
     * @param problem     why there is no delta (yet): CVAT down, no snapshot at the rejection, job deleted
     * @param delta       null unless READY
     * @param frames      the touched frames, each with the link that opens CVAT at it
     */
    public record ReworkReport(int round, Status status, Instant rejectedAt, Instant completedAt, Instant computedAt,
                               String problem, ReworkDelta delta, List<FrameLink> frames) {

        public enum Status {
            /** being computed in the background */
            PENDING,
            /** computed */
            READY,
            /** cannot be computed; {@code problem} says why */
            UNAVAILABLE
        }
    }

    public record FrameLink(int frame, String cvatUrl) {
    }
}
