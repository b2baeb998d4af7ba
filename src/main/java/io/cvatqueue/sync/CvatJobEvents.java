package io.cvatqueue.sync;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.DeletedJobs;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewIntake;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.drift.ChangeSource;
import io.cvatqueue.review.drift.CvatDriftWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * What CVAT says about single jobs, from its webhooks (a job completed, changed or deleted) and from a sync's
 * list: handled by the same rules whoever noticed, so a webhook and the sync that follows agree.
 */
@Service
public class CvatJobEvents {

    private static final Logger log = LoggerFactory.getLogger(CvatJobEvents.class);

    private final TrackedTaskRepository trackedTasks;
    private final ReviewRepository reviews;
    private final ReviewIntake intake;
    private final DeletedJobs deletedJobs;
    private final CvatDriftWatch driftWatch;
    private final CvatInstanceService instances;

    public CvatJobEvents(TrackedTaskRepository trackedTasks, ReviewRepository reviews, ReviewIntake intake,
                         DeletedJobs deletedJobs, CvatDriftWatch driftWatch, CvatInstanceService instances) {
        this.trackedTasks = trackedTasks;
        this.reviews = reviews;
        this.intake = intake;
        this.deletedJobs = deletedJobs;
        this.driftWatch = driftWatch;
        this.instances = instances;
    }

    /**
     * A webhook said a job or task was deleted: ends the open reviews concerned that CVAT confirms are gone.
     *
     * @return how many reviews ended
     */
    public int handleDeleted(long instanceId, Long cvatTaskId, Long cvatJobId) {
        List<Review> concerned = cvatJobId != null
                ? reviews.findByOpenKey(Review.openKey(instanceId, cvatJobId)).stream().toList()
                : reviews.findOpenByTask(instanceId, cvatTaskId);
        if (concerned.isEmpty()) {
            return 0;
        }
        CvatClient client = instances.serviceClient(instanceId);
        int ended = 0;
        for (Review open : concerned) {
            client = client.in(open.organization());
            if (endIfDeleted(client, open)) {
                ended++;
            }
        }
        return ended;
    }

    /**
     * Handles one job that CVAT reports completed in stage annotation, by the same rules as a sync of its task:
     * for CVAT's webhooks, which announce single jobs. The caller has checked stage and state.
     */
    public JobOutcome handleCompletedJob(long instanceId, Job job, String actor) {
        if (trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, job.taskId()).isEmpty()) {
            return JobOutcome.NOT_TRACKED;
        }
        Review open = reviews.findByOpenKey(Review.openKey(instanceId, job.id())).orElse(null);
        return handle(instanceId, job, open, actor);
    }

    /** Whether the job has an open review: only then is a change of it in CVAT worth a look. */
    public boolean hasOpenReview(long instanceId, long jobId) {
        return reviews.findByOpenKey(Review.openKey(instanceId, jobId)).isPresent();
    }

    /**
     * A webhook says the job changed in CVAT: a change outside the workflow flags its open review; a completion in
     * stage annotation is handled as the sync would.
     */
    public JobOutcome handleChangedJob(long instanceId, Job job, ChangeSource source, String actor) {
        Review open = reviews.findByOpenKey(Review.openKey(instanceId, job.id())).orElse(null);
        if (open != null && driftWatch.noticed(open, job, source)) {
            return JobOutcome.FLAGGED;
        }
        if (job.stage() != JobStage.ANNOTATION || job.state() != JobState.COMPLETED) {
            return JobOutcome.IGNORED;
        }
        if (trackedTasks.findByInstanceIdAndCvatTaskId(instanceId, job.taskId()).isEmpty()) {
            return JobOutcome.NOT_TRACKED;
        }
        return handle(instanceId, job, open, actor);
    }

    /** A completed job: starts its review, or resumes a rejected one, by the rules a sync of its task applies. */
    JobOutcome handle(long instanceId, Job job, Review open, String actor) {
        try {
            if (open == null) {
                intake.open(instanceId, job, actor);
                return JobOutcome.QUEUED;
            }
            if (open.status() == ReviewStatus.REJECTED && intake.resumeAfterRework(open, job)) {
                return JobOutcome.REQUEUED;
            }
            return JobOutcome.SKIPPED;
        } catch (RuntimeException e) {
            if (!ReviewIntake.isClashWithAnotherStart(e)) {
                throw e;
            }
            return JobOutcome.SKIPPED;
        }
    }

    /**
     * Asks CVAT about one job missing from its task's list (a list is no proof: a token that lost access to an
     * organisation sees fewer jobs) and ends the review when CVAT says the job does not exist.
     */
    boolean endIfDeleted(CvatClient client, Review open) {
        try {
            client.getJob(open.cvatJobId());
            return false;
        } catch (CvatException.NotFound e) {
            log.info("Job {} of task {} is gone from CVAT; ending its review {}", open.cvatJobId(), open.cvatTaskId(),
                    open.id());
            return deletedJobs.endReview(open.id(), DeletedJobs.REASON);
        } catch (CvatException e) {
            return false; // no answer now: the next sync asks again
        }
    }
}
