package io.cvatqueue.review;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.Issue;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.cvat.CvatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.NoSuchElementException;

/**
 * The workflow's changes to CVAT, each followed by the matching read-model and audit update. Called by the
 * service tasks of processes/job-review.bpmn inside their job's transaction: if CVAT fails, nothing here is
 * committed and Camunda retries. Deliberately not {@code @Transactional}: the caller (the engine's job, or
 * ReviewService) owns the transaction, and a transactional proxy here would mark it rollback-only when CVAT
 * answers 404, before the delegate turns that into the BPMN error JOB_DELETED that ends the review. Every job change is a full PATCH of assignee, stage and state, so a retry
 * after a partial failure leaves the job in the same state. The one write that is not repeatable is the
 * rejection note (a CVAT issue): if the database commit fails after it was posted, the retry posts it again.
 */
@Service
public class ReviewCvatActions {

    private static final Logger log = LoggerFactory.getLogger(ReviewCvatActions.class);

    private final ReviewRepository reviews;
    private final CvatInstanceService instances;
    private final AccountService accounts;
    private final AuditTrail audit;
    private final NotificationService notifications;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;

    public ReviewCvatActions(ReviewRepository reviews, CvatInstanceService instances, AccountService accounts,
                             AuditTrail audit, NotificationService notifications, Clock clock, MeterRegistry meters,
                             ApplicationEventPublisher events) {
        this.events = events;
        this.reviews = reviews;
        this.instances = instances;
        this.accounts = accounts;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
        this.meters = meters;
    }

    /** Reviewer pressed Start Review: CVAT shows the job in validation, assigned to the reviewer. */
    public void markInReview(long reviewId) {
        Review review = get(reviewId);
        Long reviewerCvatId = cvatUserId(review.reviewer());
        client(review).updateJob(review.cvatJobId(), reviewerCvatId, JobStage.VALIDATION, JobState.IN_PROGRESS);
        audit.record(review, AuditTrail.SYSTEM, "CVAT_IN_REVIEW",
                "CVAT job set to validation / in progress, assigned to " + review.reviewer());
    }

    /** Approved: CVAT job accepted and completed; the review ends. */
    public void approve(long reviewId) {
        Review review = get(reviewId);
        client(review).updateJob(review.cvatJobId(), cvatUserId(review.reviewer()), JobStage.ACCEPTANCE,
                JobState.COMPLETED);
        reviews.close(reviewId, ReviewStatus.APPROVED.name(), null, null, clock.instant());
        audit.record(review, AuditTrail.SYSTEM, "CVAT_ACCEPTED", "CVAT job set to acceptance / completed");
        countDecision(ReviewStatus.APPROVED.name());
        events.publishEvent(new ReviewEvents.QueueMayMove(review.instanceId()));
    }

    /**
     * Rejected: the job goes back to its annotator in CVAT (annotation / rejected) with the note as a CVAT issue,
     * so the annotator sees why.
     */
    public void reject(long reviewId, String reason, String note) {
        Review review = get(reviewId);
        CvatClient client = client(review);
        Job job = client.updateJob(review.cvatJobId(), review.annotatorId(), JobStage.ANNOTATION, JobState.REJECTED);
        String message = "Review rejected: " + reason + (note == null || note.isBlank() ? "" : "\n" + note.strip())
                + "\n(" + review.reviewer() + " via CVAT Queue Manager)";
        int frame = job != null && job.startFrame() != null ? job.startFrame() : 0;
        Issue noteIssue = postNote(review, client, frame, message);
        reviews.markRejected(reviewId, clock.instant());
        audit.record(review, AuditTrail.SYSTEM, "CVAT_REJECTED", "CVAT job returned to "
                + (review.annotatorUsername() == null ? "its annotator" : review.annotatorUsername())
                + " (annotation / rejected); note posted as a CVAT issue");
        notifications.notifyAdmins(review.instanceId(), NotificationKind.JOB_REJECTED,
                "Job " + review.cvatJobId() + " was rejected by " + review.reviewer() + ": " + reason);
        countDecision(ReviewStatus.REJECTED.name());
        events.publishEvent(new ReviewEvents.JobRejectedInCvat(reviewId, review.rejectionCount() + 1,
                noteIssue == null ? null : noteIssue.id()));
        events.publishEvent(new ReviewEvents.QueueMayMove(review.instanceId()));
    }

    /**
     * The rejection note is posted as the reviewer, with their own CVAT token, so that CVAT shows who wrote it.
     * When CVAT does not let the reviewer (no token, token revoked, no right to the job), the service account posts
     * it; the note names the reviewer either way. CVAT down or the job gone still fail the step as before.
     */
    private Issue postNote(Review review, CvatClient serviceClient, int frame, String message) {
        AppUser reviewer = accounts.findByUsername(review.reviewer()).orElse(null);
        if (reviewer != null && reviewer.cvatTokenEnc() != null) {
            try {
                return instances.clientWithToken(instances.get(review.instanceId()), accounts.cvatAuthorization(reviewer))
                        .in(review.organization()).postIssue(review.cvatJobId(), frame, message);
            } catch (CvatException.AccessDenied | CvatException.Rejected e) {
                log.info("CVAT did not let {} post the note on job {} ({}); the service account posts it",
                        reviewer.username(), review.cvatJobId(), e.getMessage());
            } catch (IllegalStateException e) {
                log.info("The CVAT token of {} cannot be read ({}); the service account posts the note",
                        reviewer.username(), e.getMessage());
            }
        }
        return serviceClient.postIssue(review.cvatJobId(), frame, message);
    }

    /** Not sampled for review: accepted in CVAT right away. */
    public void acceptWithoutReview(long reviewId) {
        Review review = get(reviewId);
        client(review).updateJob(review.cvatJobId(), review.annotatorId(), JobStage.ACCEPTANCE, JobState.COMPLETED);
        reviews.close(reviewId, ReviewStatus.ACCEPTED_WITHOUT_REVIEW.name(), "Not sampled for review",
                clock.instant(), clock.instant());
        audit.record(review, AuditTrail.SYSTEM, "ACCEPTED_WITHOUT_REVIEW",
                "Not in the review sample; CVAT job set to acceptance / completed");
        countDecision(ReviewStatus.ACCEPTED_WITHOUT_REVIEW.name());
    }

    /** Counted here, where CVAT has taken the decision, so that a decision whose CVAT update failed is not counted. */
    private void countDecision(String decision) {
        Counter.builder("cvat_queue.reviews.decided").description("Review decisions carried out in CVAT")
                .tag("decision", decision).register(meters).increment();
    }

    private Review get(long reviewId) {
        return reviews.findById(reviewId).orElseThrow(() -> new NoSuchElementException("Review " + reviewId));
    }

    private CvatClient client(Review review) {
        return instances.serviceClient(review.instanceId()).in(review.organization());
    }

    private Long cvatUserId(String username) {
        return accounts.findByUsername(username).map(AppUser::cvatUserId).orElseThrow(
                () -> new IllegalStateException("Reviewer " + username + " has no account any more"));
    }
}
