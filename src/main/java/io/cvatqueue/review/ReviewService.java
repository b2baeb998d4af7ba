package io.cvatqueue.review;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.security.CurrentUser;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What people do with reviews: assign, start, decide. Each method moves a job-review process instance on through
 * its user tasks; the BPMN decides what happens next. What the sync does is in {@link ReviewIntake}.
 */
@Service
public class ReviewService {

    private final ReviewRepository reviews;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AccountService accounts;
    private final CvatInstanceService instances;
    private final AuditTrail audit;
    private final ReviewLifecycle lifecycle;
    private final ReviewCvatActions cvatActions;
    private final DeletedJobs deletedJobs;
    private final CurrentUser currentUser;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final AwayService away;
    private final ReviewProcess process;

    public ReviewService(ReviewRepository reviews, RuntimeService runtime, TaskService tasks, AccountService accounts,
                         CvatInstanceService instances, AuditTrail audit,
                         ReviewLifecycle lifecycle, ReviewCvatActions cvatActions, DeletedJobs deletedJobs,
                         CurrentUser currentUser, PlatformTransactionManager transactions, Clock clock,
                         AwayService away, ReviewProcess process) {
        this.away = away;
        this.process = process;
        this.reviews = reviews;
        this.runtime = runtime;
        this.tasks = tasks;
        this.accounts = accounts;
        this.instances = instances;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.cvatActions = cvatActions;
        this.deletedJobs = deletedJobs;
        this.currentUser = currentUser;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Assigns a queued review, in a transaction of its own. When two admins assign the same job at once, one wins
     * and the other gets a {@link ReviewException} naming the winner, read after the loser's transaction has
     * rolled back (inside it, the loser would see its own assignment).
     */
    @Secured("ROLE_ADMIN")
    public void assign(long reviewId, String reviewerUsername) {
        try {
            ownTransaction.executeWithoutResult(status -> assignInOwnTransaction(reviewId, reviewerUsername));
        } catch (OptimisticLockingException | org.camunda.bpm.engine.exception.NullValueException
                 | org.camunda.bpm.engine.impl.pvm.PvmException
                 | org.springframework.dao.ConcurrencyFailureException e) {
            // PvmException: the task was read before the other assignment committed, its execution after
            throw alreadyAssigned(reviewId);
        }
    }

    private void assignInOwnTransaction(long reviewId, String reviewerUsername) {
        AppUser admin = currentUser.requireAdmin();
        Review review = get(reviewId);
        AppUser reviewer = checkReviewer(review, reviewerUsername);
        Task task = process.task(review, ReviewVariables.TASK_ASSIGN_REVIEWER);
        if (task == null) {
            throw alreadyAssigned(reviewId);
        }
        tasks.complete(task.getId(), Map.of(ReviewVariables.REVIEWER, reviewer.username()));
        audit.record(review, admin.username(), "ASSIGNED", "Assigned to " + reviewer.username());
    }

    /**
     * Auto-assignment of a queued review, by the app itself (no admin): inside the caller's transaction.
     *
     * @return false when the review is not waiting in the queue (any more)
     */
    public boolean assignAutomatically(long reviewId, String reviewerUsername) {
        Task task = process.task(get(reviewId), ReviewVariables.TASK_ASSIGN_REVIEWER);
        if (task == null) {
            return false;
        }
        tasks.complete(task.getId(), Map.of(ReviewVariables.REVIEWER, reviewerUsername));
        return true;
    }

    /**
     * Assigns many queued reviews to one reviewer, each in its own transaction (a review someone else took
     * first does not undo the others); reports, per review, what could not be done.
     */
    @Secured("ROLE_ADMIN")
    public BulkResult assignAll(List<Long> reviewIds, String reviewerUsername) {
        int assigned = 0;
        List<String> problems = new ArrayList<>();
        for (Long id : reviewIds) {
            try {
                assign(id, reviewerUsername);
                assigned++;
            } catch (ReviewException | ProcessEngineException e) {
                problems.add(e.getMessage());
            }
        }
        return new BulkResult(assigned, problems);
    }

    /**
     * Moves an assigned review (not yet decided) to another reviewer: also one its reviewer has started while CVAT
     * has not been told yet (the step that tells CVAT waits, e.g. for CVAT to come back), which that step then
     * opens for the new reviewer.
     */
    @Secured("ROLE_ADMIN")
    @Transactional
    public void reassign(long reviewId, String reviewerUsername) {
        AppUser admin = currentUser.requireAdmin();
        Review review = get(reviewId);
        AppUser reviewer = checkReviewer(review, reviewerUsername);
        Task task = process.task(review, ReviewVariables.TASK_START_REVIEW);
        if (task == null) {
            task = process.task(review, ReviewVariables.TASK_REVIEW);
        }
        Job waitingForCvat = task == null ? process.cvatStartWaiting(review) : null;
        if (task == null && waitingForCvat == null) {
            throw new ReviewException("Job " + review.cvatJobId() + " is " + review.status().label().toLowerCase()
                    + " and cannot be reassigned now");
        }
        runtime.setVariable(review.processInstanceId(), ReviewVariables.REVIEWER, reviewer.username());
        if (task != null) {
            tasks.setAssignee(task.getId(), reviewer.username());
        }
        if (task != null && ReviewVariables.TASK_REVIEW.equals(task.getTaskDefinitionKey())) {
            reviews.changeReviewer(reviewId, reviewer.username(), clock.instant());
            // CVAT shows the job assigned to whoever reviews it; a CVAT failure undoes the whole reassignment
            cvatActions.markInReview(reviewId);
        } else {
            reviews.markAssigned(reviewId, reviewer.username(), clock.instant());
        }
        if (waitingForCvat != null) {
            // the step reads the new reviewer when it runs; a run that began before this commit fails on the
            // engine's optimistic lock once its job has changed, and runs again with the new reviewer
            process.rerunIfRunning(waitingForCvat);
        }
        audit.record(review, admin.username(), "REASSIGNED",
                "Reassigned from " + review.reviewer() + " to " + reviewer.username());
        lifecycle.reassigned(review, reviewer.username());
    }

    /**
     * The reviewer starts reviewing: CVAT will show the job in validation.
     *
     * @return the URL of the job in CVAT, for the reviewer's browser
     */
    @Transactional
    public String startReview(long reviewId) {
        AppUser actor = currentUser.require();
        Review review = get(reviewId);
        checkMayReview(actor, review);
        Task task = process.task(review, ReviewVariables.TASK_START_REVIEW);
        String url = instances.jobUrl(review.instanceId(), review.cvatTaskId(), review.cvatJobId());
        if (task == null) {
            if (process.started(review)) {
                return url; // a double click: the review has already started, or is starting
            }
            throw new ReviewException("Job " + review.cvatJobId() + " is " + review.status().label().toLowerCase()
                    + " and cannot be started");
        }
        deletedJobs.refuseIfDeleted(review);
        tasks.complete(task.getId());
        audit.record(review, actor.username(), "REVIEW_STARTED", null);
        return url;
    }

    @Transactional
    public void approve(long reviewId, String note) {
        decide(reviewId, ReviewVariables.DECISION_APPROVED, null, note);
    }

    @Transactional
    public void reject(long reviewId, String reason, String note) {
        if (reason == null || reason.isBlank()) {
            throw new ReviewException("Choose or type a reason for the rejection");
        }
        decide(reviewId, ReviewVariables.DECISION_REJECTED, reason.strip(), note);
    }

    private void decide(long reviewId, String decision, String reason, String note) {
        AppUser actor = currentUser.require();
        Review review = get(reviewId);
        checkMayReview(actor, review);
        if (note != null && note.length() > 4000) {
            throw new ReviewException("The note is too long (4000 characters at most)");
        }
        Task task = process.task(review, ReviewVariables.TASK_REVIEW);
        if (task == null) {
            throw new ReviewException(review.status() == ReviewStatus.ASSIGNED
                    ? "Start the review of job " + review.cvatJobId() + " first"
                    : "Job " + review.cvatJobId() + " is " + review.status().label().toLowerCase()
                    + "; there is nothing to decide");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ReviewVariables.DECISION, decision);
        variables.put(ReviewVariables.REJECTION_REASON, reason);
        variables.put(ReviewVariables.REVIEW_NOTE, note == null || note.isBlank() ? null : note.strip());
        variables.put(ReviewVariables.DECIDED_BY, actor.username());
        deletedJobs.refuseIfDeleted(review);
        try {
            tasks.complete(task.getId(), variables);
        } catch (OptimisticLockingException | org.camunda.bpm.engine.exception.NullValueException e) {
            throw new ReviewException("Job " + review.cvatJobId() + " was decided a moment ago");
        }
        audit.record(review, actor.username(), decision,
                (reason == null ? "" : reason) + (note == null || note.isBlank() ? "" : (reason == null ? "" : ": ")
                        + note.strip()));
    }

    public Review get(long reviewId) {
        return reviews.findById(reviewId).orElseThrow(() -> new ReviewException("Review " + reviewId + " not found"));
    }

    public List<AuditEntry> auditTrail(long reviewId) {
        Review review = get(reviewId);
        return audit.forJob(review.instanceId(), review.cvatJobId());
    }

    public String jobUrl(Review review) {
        return instances.jobUrl(review.instanceId(), review.cvatTaskId(), review.cvatJobId());
    }

    private AppUser checkReviewer(Review review, String username) {
        AppUser reviewer = accounts.findByUsername(username == null ? "" : username)
                .orElseThrow(() -> new ReviewException("No user named '" + username + "'"));
        if (!reviewer.active()) {
            throw new ReviewException(username + " is deactivated");
        }
        if (reviewer.instanceId() != review.instanceId()) {
            throw new ReviewException(username + " works on another CVAT instance");
        }
        if (reviewer.cvatUserId() == null) {
            throw new ReviewException(username + " has no CVAT user id; they should register again");
        }
        away.awayUntil(username).ifPresent(until -> {
            throw new ReviewException(username + " is away until " + NoteTime.format(until)
                    + "; choose someone else");
        });
        return reviewer;
    }

    private static void checkMayReview(AppUser actor, Review review) {
        if (!actor.isAdmin() && !actor.username().equals(review.reviewer())) {
            throw new AccessDeniedException("Only the assigned reviewer or an admin may act on this review");
        }
    }

    private ReviewException alreadyAssigned(long reviewId) {
        Review now = get(reviewId);
        return new ReviewException("Job " + now.cvatJobId() + " is already "
                + (now.reviewer() == null ? now.status().label().toLowerCase() : "assigned to " + now.reviewer())
                + " — someone else acted first");
    }

    /** Outcome of a bulk action: how many succeeded and why the others did not. */
    public record BulkResult(int succeeded, List<String> problems) {
    }
}
