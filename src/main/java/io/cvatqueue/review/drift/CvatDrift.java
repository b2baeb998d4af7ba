package io.cvatqueue.review.drift;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;

import java.time.Instant;

/**
 * A job changed in CVAT outside the workflow while its review was open: what the workflow expects, what CVAT
 * shows, who changed it and when (as far as the app could tell), and what an admin decided.
 *
 * @param noticedBy        {@code sync} or {@code webhook}
 * @param changedBy        CVAT username from the webhook's sender; null when only the sync saw it
 * @param changedAt        CVAT's {@code updated_date} of the job
 * @param expectedState    null: any state of the expected stage is fine
 * @param expectedAssignee null: the workflow does not care who is assigned
 * @param resolution       null while open
 */
public record CvatDrift(long id, long reviewId, long instanceId, long cvatJobId, String noticedBy, String changedBy,
                        Instant changedAt, Instant detectedAt, JobStage expectedStage, JobState expectedState,
                        Long expectedAssignee, JobStage foundStage, JobState foundState, Long foundAssignee,
                        String foundAssigneeName, Resolution resolution, String resolvedBy, Instant resolvedAt) {

    public enum Resolution {
        /** an admin adopted CVAT's state */
        ADOPTED,
        /** an admin had CVAT patched back to the workflow's state */
        RESTORED,
        /** CVAT was back in the workflow's state when an admin looked */
        BACK_IN_STEP,
        /** the review ended another way meanwhile */
        REVIEW_ENDED
    }

    public boolean open() {
        return resolution == null;
    }

    /** "changed in CVAT by rita at 2026-11-30 14:02 UTC: acceptance · completed" (the UI formats times itself). */
    public String summary() {
        return "Changed in CVAT" + (changedBy == null ? "" : " by " + changedBy) + ": now " + found()
                + "; the workflow expects " + expected();
    }

    public String found() {
        return foundStage.wire() + " · " + foundState.wire()
                + (foundAssigneeName == null ? (foundAssignee == null ? ", unassigned" : "")
                : ", assigned to " + foundAssigneeName);
    }

    public String expected() {
        return expectedStage.wire() + (expectedState == null ? "" : " · " + expectedState.wire());
    }
}
