package io.cvatqueue.review.rework;

import java.util.List;

/**
 * What the annotator changed between a rejection and the job's next completion: per label the objects added,
 * removed and changed, the frames touched, and what became of the issues open at the rejection.
 *
 * @param framesTouched         the frames with an added, removed or changed object, in order (at most
 *                              {@link ReworkDeltaCalculator#MAX_FRAMES_LISTED})
 * @param framesTouchedTotal    how many frames were touched in all
 * @param framesAnnotatedBefore frames with at least one annotation at the rejection
 * @param framesAnnotatedAfter  frames with at least one annotation now
 */
public record ReworkDelta(int added, int removed, int changed, List<LabelChange> labels, List<Integer> framesTouched,
                          int framesTouchedTotal, int framesAnnotatedBefore, int framesAnnotatedAfter,
                          List<IssueFollowUp> issues) {

    public boolean nothingChanged() {
        return added == 0 && removed == 0 && changed == 0;
    }

    public long issuesResolved() {
        return issues.stream().filter(IssueFollowUp::resolved).count();
    }

    /** Objects of one label; the counts before and after are CVAT's shapes, tracks and tags. */
    public record LabelChange(long labelId, String label, int added, int removed, int changed, Counts before,
                              Counts after) {
    }

    public record Counts(int shapes, int tracks, int tags) {
    }

    /**
     * An issue that was open when the job was rejected.
     *
     * @param resolved true when CVAT marks it resolved, or it was deleted in CVAT
     * @param deleted  the issue no longer exists in CVAT
     */
    public record IssueFollowUp(long id, int frame, boolean resolved, boolean deleted) {
    }
}
