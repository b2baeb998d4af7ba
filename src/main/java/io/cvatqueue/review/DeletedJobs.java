package io.cvatqueue.review;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends reviews whose job is gone from CVAT, by the BPMN's {@code jobDeleted} message event sub-process: the
 * review closes with its reason and admins are told. Used where the app notices the deletion itself (the sync,
 * a webhook, a reviewer's action); the workflow's own CVAT calls raise the BPMN error JOB_DELETED instead.
 */
@Service
public class DeletedJobs {

    public static final String REASON = "The job was deleted in CVAT";

    private final ReviewRepository reviews;
    private final RuntimeService runtime;
    private final TransactionTemplate ownTransaction;

    public DeletedJobs(ReviewRepository reviews, RuntimeService runtime, PlatformTransactionManager transactions) {
        this.reviews = reviews;
        this.runtime = runtime;
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
}
