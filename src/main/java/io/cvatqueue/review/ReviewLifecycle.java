package io.cvatqueue.review;

import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.NoSuchElementException;

/**
 * Keeps the review read model, the audit trail and notifications in step with processes/job-review.bpmn.
 * Referenced from the BPMN as {@code reviewLifecycle} (task listeners) and from thin delegates.
 */
@Component("reviewLifecycle")
public class ReviewLifecycle {

    private final ReviewRepository reviews;
    private final AuditTrail audit;
    private final NotificationService notifications;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final QueueNotes queueNotes;

    public ReviewLifecycle(ReviewRepository reviews, AuditTrail audit, NotificationService notifications, Clock clock,
                           ApplicationEventPublisher events, QueueNotes queueNotes) {
        this.events = events;
        this.queueNotes = queueNotes;
        this.reviews = reviews;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Task listener (create) of Task_AssignReviewer. */
    public void queued(DelegateTask task) {
        reviews.markQueued(reviewId(task), clock.instant());
    }

    /**
     * Task listener (create) of Task_StartReview: the reviewer is told, both first time and after rework (also when
     * the rework came to them through the queue because its reviewer was away: the note says so).
     */
    public void assigned(DelegateTask task) {
        Review review = get(reviewId(task));
        String reviewer = ReviewVariables.text(task, ReviewVariables.REVIEWER);
        reviews.markAssigned(review.id(), reviewer, clock.instant());
        boolean returned = review.rejectionCount() > 0;
        String viaQueue = returned ? queueNotes.of(review.id()).orElse(null) : null;
        notifications.notify(reviewer, returned ? NotificationKind.JOB_RETURNED : NotificationKind.REVIEW_ASSIGNED,
                viaQueue != null ? "Job " + review.cvatJobId() + " was reworked and is assigned to you for review ("
                        + viaQueue + ")"
                        : returned ? "Job " + review.cvatJobId() + " was reworked and is back for your review"
                        : "Job " + review.cvatJobId() + " is assigned to you for review");
    }

    /** An admin moved the review to another reviewer, who is told like on a first assignment. */
    public void reassigned(Review review, String newReviewer) {
        notifications.notify(newReviewer, NotificationKind.REVIEW_ASSIGNED,
                "Job " + review.cvatJobId() + " was reassigned to you for review");
    }

    /** Task listener (create) of Task_Review. */
    public void inReview(DelegateTask task) {
        reviews.markInReview(reviewId(task), clock.instant());
    }

    /** The annotator completed a rejected job again: it goes back to the reviewer who rejected it. */
    public void returnedToReviewer(long reviewId, String reviewer) {
        Review review = get(reviewId);
        audit.record(review, AuditTrail.SYSTEM, "RECOMPLETED",
                "Completed again in CVAT; returned to " + reviewer);
        queueNotes.write(reviewId, null, clock.instant());
        events.publishEvent(new ReviewEvents.JobReturnedAfterRework(reviewId, review.rejectionCount()));
    }

    /**
     * The annotator completed a rejected job again while the reviewer who rejected it is away or deactivated:
     * rather than wait for them, it goes back to the queue with a note saying why, and the admins are told.
     *
     * @param why what keeps the reviewer, as {@link ReviewerPresence#whyAbsent} words it
     */
    public void returnedToQueue(long reviewId, String reviewer, String why) {
        Review review = get(reviewId);
        String note = "Returned " + why + "; was reviewed by " + reviewer;
        queueNotes.write(reviewId, note, clock.instant());
        audit.record(review, AuditTrail.SYSTEM, "RETURNED_TO_QUEUE", "Completed again in CVAT. " + note);
        notifications.notifyAdmins(review.instanceId(), NotificationKind.RETURNED_TO_QUEUE,
                "Job " + review.cvatJobId() + " was reworked and is back in the queue: " + note);
        events.publishEvent(new ReviewEvents.JobReturnedAfterRework(reviewId, review.rejectionCount()));
        events.publishEvent(new ReviewEvents.QueueMayMove(review.instanceId()));
    }

    /** The SLA timer fired: admins and the reviewer are told; the review is flagged until decided. */
    public void overdue(long reviewId) {
        Review review = get(reviewId);
        reviews.markOverdue(reviewId, clock.instant());
        audit.record(review, AuditTrail.SYSTEM, "OVERDUE", "Review SLA passed");
        String message = "Review of job " + review.cvatJobId() + " by " + review.reviewer() + " is overdue";
        notifications.notifyAdmins(review.instanceId(), NotificationKind.REVIEW_OVERDUE, message);
        if (review.reviewer() != null) {
            notifications.notify(review.reviewer(), NotificationKind.REVIEW_OVERDUE, message);
        }
    }

    /** The job vanished from CVAT: the review ends with the reason, without an incident. */
    public void jobDeleted(long reviewId, String reason) {
        Review review = get(reviewId);
        reviews.close(reviewId, ReviewStatus.JOB_DELETED.name(), reason, null, clock.instant());
        audit.record(review, AuditTrail.SYSTEM, "JOB_DELETED", reason);
        notifications.notifyAdmins(review.instanceId(), NotificationKind.JOB_DELETED,
                "Review of job " + review.cvatJobId() + " ended: " + reason);
        events.publishEvent(new ReviewEvents.QueueMayMove(review.instanceId()));
    }

    /** An admin adopted a change made in CVAT outside the workflow: the review ends as CVAT has it. */
    public void endedByCvatChange(long reviewId, ReviewStatus status, String reason) {
        Review review = get(reviewId);
        reviews.close(reviewId, status.name(), reason, clock.instant(), clock.instant());
        audit.record(review, AuditTrail.SYSTEM, "ENDED_BY_CVAT_CHANGE", status.label() + ": " + reason);
        events.publishEvent(new ReviewEvents.QueueMayMove(review.instanceId()));
    }

    private Review get(long reviewId) {
        return reviews.findById(reviewId).orElseThrow(() -> new NoSuchElementException("Review " + reviewId));
    }

    private static long reviewId(DelegateTask task) {
        return ReviewVariables.reviewId(task);
    }
}
