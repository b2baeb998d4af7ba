package io.cvatqueue.review;

import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What CVAT's completions do to reviews, for the sync and the webhooks: a newly completed job gets a review, a
 * rejected job completed again goes back to its reviewer. Each job is handled in a transaction of its own.
 */
@Service
public class ReviewIntake {

    private final ReviewRepository reviews;
    private final RuntimeService runtime;
    private final WorkflowSettingsService settings;
    private final AuditTrail audit;
    private final PriorityService priorities;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public ReviewIntake(ReviewRepository reviews, RuntimeService runtime, WorkflowSettingsService settings,
                        AuditTrail audit, PriorityService priorities, PlatformTransactionManager transactions,
                        Clock clock) {
        this.priorities = priorities;
        this.reviews = reviews;
        this.runtime = runtime;
        this.settings = settings;
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Starts the review of a job completed in CVAT. At most one review per job is open: a second start for the
     * same job, from any node, fails on the open-key constraint with a
     * {@link org.springframework.dao.DataIntegrityViolationException} and changes nothing.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Review open(long instanceId, Job job, String actor) {
        Long annotatorId = job.assignee() == null ? null : job.assignee().id();
        String annotatorName = job.assignee() == null ? null : job.assignee().username();
        Priority priority = priorities.effective(instanceId, job.taskId(), job.id());
        Review review = reviews.save(Review.queued(instanceId, job.taskId(), job.id(), annotatorId, annotatorName,
                CvatOrganization.of(job.organization()), clock.instant()).withWork(priority, frames(job)));
        boolean sampled = ThreadLocalRandom.current().nextInt(100) < settings.get().samplingPercent();
        Map<String, Object> variables = new HashMap<>();
        variables.put(ReviewVariables.REVIEW_ID, review.id());
        variables.put(ReviewVariables.INSTANCE_ID, instanceId);
        variables.put(ReviewVariables.TASK_ID, job.taskId());
        variables.put(ReviewVariables.JOB_ID, job.id());
        variables.put(ReviewVariables.ANNOTATOR_ID, annotatorId);
        variables.put(ReviewVariables.ANNOTATOR_USERNAME, annotatorName);
        variables.put(ReviewVariables.REVIEWER, null);
        variables.put(ReviewVariables.SAMPLED, sampled);
        variables.put(ReviewVariables.PRIORITY, priority.name());
        audit.record(review, actor, "QUEUED", "Completed in CVAT by "
                + (annotatorName == null ? "an unassigned annotator" : annotatorName) + "; queued for review");
        ProcessInstance process = runtime.startProcessInstanceByKey(ReviewVariables.PROCESS_KEY, review.businessKey(),
                variables);
        reviews.linkProcess(review.id(), process.getId());
        return reviews.findById(review.id()).orElseThrow();
    }

    /** The job's size in frames, which balanced assignment weighs reviews by; null when CVAT did not say. */
    private static Integer frames(Job job) {
        if (job.frameCount() != null) {
            return job.frameCount();
        }
        if (job.startFrame() != null && job.stopFrame() != null) {
            return job.stopFrame() - job.startFrame() + 1;
        }
        return null;
    }

    /**
     * A rejected job was completed again in CVAT: its review resumes with the same reviewer.
     *
     * @return false when the review was not waiting for rework (e.g. another sync got there first)
     */
    public boolean resumeAfterRework(Review review, Job job) {
        if (review.status() != ReviewStatus.REJECTED) {
            return false;
        }
        try {
            // the engine marks the transaction rollback-only when it refuses the message: catch outside it
            ownTransaction.executeWithoutResult(status -> {
                Map<String, Object> variables = new HashMap<>();
                if (job.assignee() != null && !Objects.equals(job.assignee().id(), review.annotatorId())) {
                    variables.put(ReviewVariables.ANNOTATOR_ID, job.assignee().id());
                    variables.put(ReviewVariables.ANNOTATOR_USERNAME, job.assignee().username());
                    reviews.updateAnnotator(review.id(), job.assignee().id(), job.assignee().username(),
                            clock.instant());
                }
                runtime.createMessageCorrelation(ReviewVariables.MESSAGE_ANNOTATION_COMPLETED)
                        .processInstanceId(review.processInstanceId())
                        .setVariables(variables)
                        .correlateWithResult();
            });
            return true;
        } catch (MismatchingMessageCorrelationException | org.springframework.transaction.TransactionException e) {
            return false;
        }
    }
}
