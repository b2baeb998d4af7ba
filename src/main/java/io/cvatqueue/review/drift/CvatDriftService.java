package io.cvatqueue.review.drift;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.review.AuditTrail;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewException;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.security.CurrentUser;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reviews flagged as changed in CVAT outside the workflow, and what an admin does about them: adopt CVAT's state
 * (the workflow follows CVAT; a review whose job CVAT has accepted or moved on ends) or restore the workflow's
 * state (CVAT is patched back). Both read the job from CVAT first: an admin acts on what CVAT shows now.
 */
@Service
public class CvatDriftService {

    private final DriftStore store;
    private final CvatDriftWatch watch;
    private final ReviewRepository reviews;
    private final ReviewService reviewService;
    private final RuntimeService runtime;
    private final CvatInstanceService instances;
    private final AccountService accounts;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    public CvatDriftService(DriftStore store, CvatDriftWatch watch, ReviewRepository reviews,
                            ReviewService reviewService, RuntimeService runtime, CvatInstanceService instances,
                            AccountService accounts, AuditTrail audit, CurrentUser currentUser, Clock clock) {
        this.store = store;
        this.watch = watch;
        this.reviews = reviews;
        this.reviewService = reviewService;
        this.runtime = runtime;
        this.instances = instances;
        this.accounts = accounts;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The review's open flag, if CVAT was changed outside the workflow and nobody has decided yet. */
    public Optional<CvatDrift> openFor(long reviewId) {
        return store.openFor(reviewId);
    }

    /** Open flags of many reviews at once (for a page of reviews), by review id. */
    public Map<Long, CvatDrift> openFor(Collection<Long> reviewIds) {
        return store.openFor(reviewIds).stream().collect(Collectors.toMap(CvatDrift::reviewId, Function.identity(),
                (a, b) -> a));
    }

    /** Every flag of the review, oldest first, decided or not. */
    public List<CvatDrift> history(long reviewId) {
        return store.ofReview(reviewId);
    }

    @Secured("ROLE_ADMIN")
    public List<CvatDrift> openOfInstance(long instanceId) {
        return store.openOfInstance(instanceId);
    }

    /**
     * The workflow follows CVAT. Accepted in CVAT: the review ends as "Accepted in CVAT". Moved elsewhere (back to
     * annotation, into validation, reopened): the review ends as "changed in CVAT", and a later completion queues
     * a new review. Only the assignee differs: the review goes to the app's reviewer behind that CVAT user, or
     * stays with its reviewer when CVAT's assignee has no account here.
     *
     * @return what was done, in words for the admin
     */
    @Secured("ROLE_ADMIN")
    @Transactional(noRollbackFor = ReviewException.class)
    public String adopt(long driftId) {
        AppUser admin = currentUser.requireAdmin();
        CvatDrift drift = open(driftId);
        Review review = openReview(drift, admin);
        Job job = client(review).getJob(review.cvatJobId());
        ExpectedJobState expected = watch.expectation(review, job).orElseThrow();
        if (expected.matches(job)) {
            return backInStep(drift, review, admin);
        }
        String by = drift.changedBy() == null ? "" : " by " + drift.changedBy();
        String outcome;
        if (expected.stageAndStateMatch(job)) {
            outcome = adoptAssignee(review, job);
        } else {
            ReviewStatus status = job.stage() == JobStage.ACCEPTANCE ? ReviewStatus.ACCEPTED_IN_CVAT
                    : ReviewStatus.CHANGED_IN_CVAT;
            String reason = (status == ReviewStatus.ACCEPTED_IN_CVAT ? "Accepted in CVAT" + by
                    : "Changed in CVAT" + by + " to " + job.stage().wire() + " · " + job.state().wire())
                    + "; adopted by " + admin.username();
            try {
                runtime.createMessageCorrelation(ReviewVariables.MESSAGE_CVAT_STATE_ADOPTED)
                        .processInstanceId(review.processInstanceId())
                        .setVariable(ReviewVariables.ADOPTED_STATUS, status.name())
                        .setVariable(ReviewVariables.END_REASON, reason)
                        .correlateWithResult();
            } catch (MismatchingMessageCorrelationException e) {
                throw new ReviewException("The review of job " + review.cvatJobId() + " cannot end this way: its "
                        + "workflow version has no 'CVAT's state adopted' event. Migrate it to the newest version.");
            }
            outcome = "The review ended: " + status.label().toLowerCase();
        }
        store.resolve(drift.id(), CvatDrift.Resolution.ADOPTED, admin.username(), clock.instant());
        audit.record(review, admin.username(), "CVAT_STATE_ADOPTED", "Adopted CVAT's state (" + drift.found() + "). "
                + outcome);
        return outcome;
    }

    /** CVAT is patched back to the state the workflow left the job in; the review goes on as before. */
    @Secured("ROLE_ADMIN")
    @Transactional(noRollbackFor = ReviewException.class)
    public String restore(long driftId) {
        AppUser admin = currentUser.requireAdmin();
        CvatDrift drift = open(driftId);
        Review review = openReview(drift, admin);
        CvatClient client = client(review);
        Job job = client.getJob(review.cvatJobId());
        ExpectedJobState expected = watch.expectation(review, job).orElseThrow();
        if (expected.matches(job)) {
            return backInStep(drift, review, admin);
        }
        client.updateJob(review.cvatJobId(), expected.restoreAssignee(), expected.stage(), expected.restoreState());
        String assignee = expected.restoreAssignee() == null ? "unassigned"
                : "assigned to " + (review.status() == ReviewStatus.IN_REVIEW ? review.reviewer()
                : review.annotatorUsername() == null ? "CVAT user " + expected.restoreAssignee()
                : review.annotatorUsername());
        String outcome = "CVAT job set back to " + expected.stage().wire() + " · " + expected.restoreState().wire()
                + ", " + assignee;
        store.resolve(drift.id(), CvatDrift.Resolution.RESTORED, admin.username(), clock.instant());
        audit.record(review, admin.username(), "CVAT_STATE_RESTORED", "Restored the workflow's state (CVAT showed "
                + drift.found() + "). " + outcome);
        return outcome;
    }

    private String adoptAssignee(Review review, Job job) {
        Long cvatUser = job.assignee() == null ? null : job.assignee().id();
        Optional<AppUser> taker = cvatUser == null ? Optional.empty() : accounts.activeUsersOf(review.instanceId())
                .stream().filter(u -> cvatUser.equals(u.cvatUserId())).findFirst();
        if (taker.isPresent() && !taker.get().username().equals(review.reviewer())) {
            reviewService.reassign(review.id(), taker.get().username());
            return "The review goes to " + taker.get().username() + ", whom CVAT shows as assignee";
        }
        return "The review stays with " + review.reviewer() + "; CVAT keeps "
                + (job.assignee() == null ? "no assignee" : job.assignee().username() + " as assignee");
    }

    private String backInStep(CvatDrift drift, Review review, AppUser admin) {
        store.resolve(drift.id(), CvatDrift.Resolution.BACK_IN_STEP, admin.username(), clock.instant());
        audit.record(review, admin.username(), "CVAT_BACK_IN_STEP", "CVAT shows the job as the workflow expects again");
        return "CVAT shows job " + review.cvatJobId() + " as the workflow expects again; nothing to do";
    }

    private CvatDrift open(long driftId) {
        CvatDrift drift = store.find(driftId).orElseThrow(() -> new ReviewException("No CVAT change " + driftId));
        if (!drift.open()) {
            throw new ReviewException("The change in CVAT of job " + drift.cvatJobId() + " was already dealt with ("
                    + drift.resolution().name().toLowerCase().replace('_', ' ') + " by " + drift.resolvedBy() + ")");
        }
        return drift;
    }

    private Review openReview(CvatDrift drift, AppUser admin) {
        Review review = reviews.findById(drift.reviewId()).orElseThrow();
        if (review.openKey() == null) {
            store.resolve(drift.id(), CvatDrift.Resolution.REVIEW_ENDED, admin.username(), clock.instant());
            throw new ReviewException("The review of job " + review.cvatJobId() + " has ended meanwhile ("
                    + review.status().label().toLowerCase() + "); nothing to adopt or restore");
        }
        if (admin.instanceId() != review.instanceId()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "This review belongs to another CVAT instance");
        }
        return review;
    }

    private CvatClient client(Review review) {
        return instances.serviceClient(review.instanceId()).in(review.organization());
    }
}
