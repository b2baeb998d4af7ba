package io.cvatqueue.review.assignment;

import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewEvents;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewerPicker;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Auto-assignment of the reviews that wait in the queue, when a reviewer may have room again (see
 * {@link ReviewEvents.QueueMayMove}): the most urgent first, then the longest waiting
 * ({@link AssignmentRules#MOST_URGENT_FIRST}), each to the reviewer the policy chooses, until nobody has room.
 * It runs once the step that freed the room has committed, once per instance and transaction, each assignment in a
 * transaction of its own; off when auto-assignment is off.
 */
@Component
public class QueueAutoAssigner {

    private static final Logger log = LoggerFactory.getLogger(QueueAutoAssigner.class);
    private static final Object PENDING = QueueAutoAssigner.class.getName() + ".pending";

    private final WorkflowSettingsService settings;
    private final ReviewRepository reviews;
    private final ReviewerPicker picker;
    private final ReviewService reviewService;
    private final TransactionTemplate ownTransaction;

    public QueueAutoAssigner(WorkflowSettingsService settings, ReviewRepository reviews, ReviewerPicker picker,
                             ReviewService reviewService, PlatformTransactionManager transactions) {
        this.settings = settings;
        this.reviews = reviews;
        this.picker = picker;
        this.reviewService = reviewService;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void queueMayMove(ReviewEvents.QueueMayMove event) {
        if (!settings.get().autoAssign()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            assignWaiting(event.instanceId());
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Long> pending = (Set<Long>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            Set<Long> instances = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(PENDING, instances);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    instances.forEach(QueueAutoAssigner.this::assignWaitingQuietly);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }
            });
            pending = instances;
        }
        pending.add(event.instanceId());
    }

    private void assignWaitingQuietly(long instanceId) {
        try {
            assignWaiting(instanceId);
        } catch (RuntimeException e) {
            // the step that freed the room has committed; the queue waits for the next chance or an admin
            log.warn("Auto-assignment of the queue of instance {} stopped: {}", instanceId, e.toString());
        }
    }

    /**
     * Assigns queued reviews of the instance in {@link AssignmentRules#MOST_URGENT_FIRST} order while a reviewer has
     * room.
     *
     * @return how many were assigned
     */
    public int assignWaiting(long instanceId) {
        if (!settings.get().autoAssign()) {
            return 0;
        }
        int assigned = 0;
        for (Review waiting : AssignmentRules.mostUrgentFirst(reviews.findQueuedMostUrgentFirst(instanceId))) {
            Optional<Boolean> done = Optional.ofNullable(ownTransaction.execute(status -> picker
                    .choose(waiting.id(), Set.of())
                    .map(reviewer -> {
                        boolean assignedNow = reviewService.assignAutomatically(waiting.id(), reviewer);
                        if (!assignedNow) {
                            status.setRollbackOnly(); // someone else took it: no "auto-assigned" line, no turn used
                        }
                        return assignedNow;
                    })
                    .orElse(null)));
            if (done.isEmpty()) {
                break; // nobody has room: the reviews behind this one wait as well
            }
            if (done.get()) {
                assigned++;
            }
        }
        return assigned;
    }
}
