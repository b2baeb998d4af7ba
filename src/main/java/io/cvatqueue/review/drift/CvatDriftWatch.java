package io.cvatqueue.review.drift;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.review.AuditTrail;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import org.camunda.bpm.engine.ManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Notices jobs changed in CVAT outside the workflow while their review is open (CVAT does not enforce the
 * workflow): the sync and the webhook hand every job they see with an open review to {@link #noticed}. A
 * mismatch while one of the workflow's own CVAT steps is pending is no drift: that step is about to change CVAT
 * (or just did, and has not committed yet).
 */
@Service
public class CvatDriftWatch {

    private static final Logger log = LoggerFactory.getLogger(CvatDriftWatch.class);

    private final ReviewRepository reviews;
    private final DriftStore store;
    private final AccountService accounts;
    private final ManagementService management;
    private final AuditTrail audit;
    private final NotificationService notifications;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    public CvatDriftWatch(ReviewRepository reviews, DriftStore store, AccountService accounts,
                          ManagementService management, AuditTrail audit, NotificationService notifications,
                          PlatformTransactionManager transactions, Clock clock) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.reviews = reviews;
        this.store = store;
        this.accounts = accounts;
        this.management = management;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Compares the job as CVAT shows it with what the workflow expects for the open review, and flags the review
     * (audit trail, admins notified) when they differ, in a transaction of its own like each job of a sync. A job
     * as expected costs no transaction: the sync asks this for every job with an open review.
     *
     * @return true when the review is flagged as changed in CVAT (now or before, still open)
     */
    public boolean noticed(Review open, Job job, ChangeSource source) {
        ExpectedJobState expected = expectation(open, job).orElse(null);
        if (expected == null || expected.matches(job) || workflowStepPending(open)) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(ownTransaction.execute(status -> flag(open, job, source)));
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            return true; // another sync or webhook flagged it at the same moment (one open flag per review)
        }
    }

    private boolean flag(Review open, Job job, ChangeSource source) {
        // the list may be older than the review: a workflow step may have committed since
        Review review = reviews.findById(open.id()).orElse(null);
        if (review == null || review.openKey() == null) {
            return false;
        }
        ExpectedJobState expected = expectation(review, job).orElse(null);
        if (expected == null || expected.matches(job)) {
            return false;
        }
        CvatDrift found = new CvatDrift(0, review.id(), review.instanceId(), review.cvatJobId(), source.noticedBy(),
                source.changedBy(), job.updatedDate() == null ? null : job.updatedDate().toInstant(), clock.instant(),
                expected.stage(), expected.state(), expected.assignee(), job.stage(), job.state(),
                job.assignee() == null ? null : job.assignee().id(),
                job.assignee() == null ? null : job.assignee().username(), null, null, null);
        Optional<CvatDrift> flagged = store.openFor(review.id());
        if (flagged.isPresent()) {
            if (!sameFinding(flagged.get(), found)) {
                store.updateFinding(flagged.get().id(), found);
                audit.record(review, actor(source), "CHANGED_IN_CVAT", found.summary());
            }
            return true;
        }
        store.insert(found);
        audit.record(review, actor(source), "CHANGED_IN_CVAT", found.summary() + " (" + review.status().label()
                + " in the workflow)");
        notifications.notifyAdmins(review.instanceId(), NotificationKind.CVAT_CHANGED, "Job " + review.cvatJobId()
                + " was changed in CVAT outside the workflow" + (source.changedBy() == null ? "" : " by "
                + source.changedBy()) + ": now " + found.found() + ". Adopt CVAT's state or restore the workflow's.");
        log.info("Job {} (review {}) changed in CVAT outside the workflow, noticed by the {}: {}", review.cvatJobId(),
                review.id(), source.noticedBy(), found.summary());
        return true;
    }

    /** What the workflow expects of the job; the reviewer's CVAT user is only looked up when it matters. */
    Optional<ExpectedJobState> expectation(Review review, Job job) {
        Long reviewerCvatId = null;
        if (review.status() == io.cvatqueue.review.ReviewStatus.IN_REVIEW && review.reviewer() != null) {
            reviewerCvatId = accounts.findByUsername(review.reviewer()).map(AppUser::cvatUserId).orElse(null);
        }
        return ExpectedJobState.of(review, reviewerCvatId);
    }

    /** An asynchronous CVAT step of the review's process (start, approve, reject) has not finished yet. */
    boolean workflowStepPending(Review review) {
        return review.processInstanceId() != null && management.createJobQuery()
                .processInstanceId(review.processInstanceId()).messages().count() > 0;
    }

    private static boolean sameFinding(CvatDrift a, CvatDrift b) {
        return a.foundStage() == b.foundStage() && a.foundState() == b.foundState()
                && Objects.equals(a.foundAssignee(), b.foundAssignee());
    }

    private static String actor(ChangeSource source) {
        return source.changedBy() == null ? "CVAT" : "CVAT: " + source.changedBy();
    }
}
