package io.cvatqueue.review;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends reviews whose job is gone from CVAT, by the BPMN's {@code jobDeleted} message event sub-process: the
 * review closes with its reason and admins are told. Used where the app notices the deletion itself (the sync,
 * a webhook, a reviewer's action); the workflow's own CVAT calls raise the BPMN error JOB_DELETED instead.
 */
@Service
public class DeletedJobs {

    public static final String REASON = "The job was deleted in CVAT";
    /** How long a person's action waits for CVAT to confirm the job still exists before going ahead anyway. */
    private static final long JOB_CHECK_SECONDS = 3;

    private final ReviewRepository reviews;
    private final RuntimeService runtime;
    private final CvatInstanceService instances;
    private final TransactionTemplate ownTransaction;

    public DeletedJobs(ReviewRepository reviews, RuntimeService runtime, CvatInstanceService instances,
                       PlatformTransactionManager transactions) {
        this.reviews = reviews;
        this.runtime = runtime;
        this.instances = instances;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Ends the review in a transaction of its own, so that it stays ended when the caller then reports the
     * deletion with an exception.
     *
     * @return false when the review was already closed, or the workflow ended it at the same moment
     */
    public boolean endReview(long reviewId, String reason) {
        try {
            // the engine marks the transaction rollback-only when it refuses: catch outside the transaction
            return Boolean.TRUE.equals(ownTransaction.execute(status -> {
                Review review = reviews.findById(reviewId).orElse(null);
                if (review == null || review.openKey() == null || review.processInstanceId() == null) {
                    return false;
                }
                runtime.createMessageCorrelation(ReviewVariables.MESSAGE_JOB_DELETED)
                        .processInstanceId(review.processInstanceId())
                        .setVariable(ReviewVariables.END_REASON, reason)
                        .correlateWithResult();
                return true;
            }));
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException | TransactionException e) {
            return false;
        }
    }

    /**
     * Asks CVAT whether the job still exists before a person acts on it, so that they are told it is gone instead
     * of "started". A deleted job ends the review (in its own transaction) and the action is refused with a
     * {@link ReviewException}. When CVAT is
     * down, refuses access or is slow, the action goes ahead: the workflow's CVAT step retries it.
     */
    public void refuseIfDeleted(Review review) {
        try {
            CvatClient client = instances.serviceClient(review.instanceId()).in(review.organization());
            CompletableFuture.supplyAsync(() -> client.getJob(review.cvatJobId()))
                    .get(JOB_CHECK_SECONDS, TimeUnit.SECONDS);
        } catch (CvatException e) {
            // no usable service token: the workflow's CVAT step reports it
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CvatException.NotFound) {
                endReview(review.id(), REASON);
                throw new ReviewException("Job " + review.cvatJobId()
                        + " was deleted in CVAT, so its review has ended. Nothing was changed in CVAT.");
            }
        } catch (TimeoutException e) {
            // CVAT is slow: go ahead, the workflow's CVAT step waits for it and retries
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
