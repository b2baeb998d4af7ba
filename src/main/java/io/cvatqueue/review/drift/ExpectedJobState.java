package io.cvatqueue.review.drift;

import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.Review;

import java.util.Objects;
import java.util.Optional;

/**
 * How the workflow left a job in CVAT for each open review status, and how it puts it back. Only what the workflow
 * owns is checked: while a review waits (queued, assigned) the job stays completed in annotation; in review it is
 * in validation with the reviewer (the reviewer may finish it there); after a rejection it stays in annotation,
 * with whichever annotator (rework may change hands; its completion is no drift but the rework coming back).
 *
 * @param state          null: any state of the stage
 * @param assignee       null: not checked
 * @param restoreState   the state a restore writes
 * @param restoreAssignee the assignee a restore writes
 */
record ExpectedJobState(JobStage stage, JobState state, Long assignee, JobState restoreState, Long restoreAssignee) {

    static Optional<ExpectedJobState> of(Review review, Long reviewerCvatUserId) {
        return switch (review.status()) {
            case QUEUED, ASSIGNED -> Optional.of(new ExpectedJobState(JobStage.ANNOTATION, JobState.COMPLETED, null,
                    JobState.COMPLETED, review.annotatorId()));
            case IN_REVIEW -> Optional.of(new ExpectedJobState(JobStage.VALIDATION, null, reviewerCvatUserId,
                    JobState.IN_PROGRESS, reviewerCvatUserId));
            case REJECTED -> Optional.of(new ExpectedJobState(JobStage.ANNOTATION, null, null, JobState.REJECTED,
                    review.annotatorId()));
            default -> Optional.empty();
        };
    }

    boolean stageAndStateMatch(Job job) {
        return job.stage() == stage && (state == null || job.state() == state);
    }

    boolean matches(Job job) {
        return stageAndStateMatch(job) && assigneeMatches(job);
    }

    boolean assigneeMatches(Job job) {
        return assignee == null || Objects.equals(assignee, job.assignee() == null ? null : job.assignee().id());
    }
}
