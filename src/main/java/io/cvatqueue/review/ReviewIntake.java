package io.cvatqueue.review;

import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.review.assignment.AssignmentRules;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * What CVAT's completions do to reviews, for the sync and the webhooks: a newly completed job gets a review, a
 * rejected job completed again goes back to its reviewer. New reviews are started in batches, each batch in one
 * transaction (review rows, audit lines and process instances together), so a crash leaves every job either
 * fully queued or untouched for the next sync.
 */
@Service
public class ReviewIntake {

    /**
     * Reviews started per transaction: large enough that commits and the engine's flush are shared, small enough
     * that a sync shows progress and a clash with a concurrent sync only repeats a few jobs one by one.
     */
    static final int BATCH = 250;

    private final ReviewRepository reviews;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ProcessEngineConfigurationImpl engine;
    private final WorkflowSettingsService settings;
    private final JdbcTemplate jdbc;
    private final PriorityService priorities;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public ReviewIntake(ReviewRepository reviews, ProcessEngineConfigurationImpl engine,
                        WorkflowSettingsService settings, JdbcTemplate jdbc, PriorityService priorities,
                        PlatformTransactionManager transactions, Clock clock) {
        this.priorities = priorities;
        this.reviews = reviews;
        this.repository = engine.getRepositoryService();
        this.runtime = engine.getRuntimeService();
        this.engine = engine;
        this.settings = settings;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Starts the review of a job completed in CVAT. At most one review per job is open: a second start for the
     * same job, from any node, fails on the open-key constraint with a
     * {@link org.springframework.dao.DataIntegrityViolationException} and changes nothing.
     */
    public Review open(long instanceId, Job job, String actor) {
        long id = ownTransaction.execute(status -> startBatch(instanceId, List.of(job), actor).get(0));
        return reviews.findById(id).orElseThrow();
    }

    /**
     * Starts reviews for jobs newly completed in CVAT, {@value #BATCH} per transaction. A batch that clashes with
     * another sync starting the same jobs (on this node or another) is rolled back and repeated job by job, so the
     * jobs the other sync did not take are still queued.
     *
     * @return how many reviews were started; the rest were started by the other sync
     * @throws RuntimeException anything but such a clash; the batches committed before stay
     */
    public int openAll(long instanceId, List<Job> jobs, String actor) {
        return openAll(instanceId, jobs, actor, handled -> {
        });
    }

    /** As {@link #openAll(long, List, String)}, telling {@code handled} how many jobs are done after each batch. */
    public int openAll(long instanceId, List<Job> jobs, String actor, IntConsumer handled) {
        int started = 0;
        for (int from = 0; from < jobs.size(); from += BATCH) {
            List<Job> batch = jobs.subList(from, Math.min(jobs.size(), from + BATCH));
            try {
                started += ownTransaction.execute(status -> startBatch(instanceId, batch, actor)).size();
            } catch (RuntimeException e) {
                if (!isClashWithAnotherStart(e)) {
                    throw e;
                }
                started += openOneByOne(instanceId, batch, actor);
            }
            handled.accept(from + batch.size());
        }
        return started;
    }

    private int openOneByOne(long instanceId, List<Job> batch, String actor) {
        int started = 0;
        for (Job job : batch) {
            try {
                ownTransaction.execute(status -> startBatch(instanceId, List.of(job), actor));
                started++;
            } catch (RuntimeException e) {
                if (!isClashWithAnotherStart(e)) {
                    throw e;
                }
            }
        }
        return started;
    }

    /** True when another start of the same job (on this node or another) won: the open-key constraint or a lock. */
    public static boolean isClashWithAnotherStart(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException || t instanceof ConcurrencyFailureException
                    || t instanceof OptimisticLockingException) {
                return true;
            }
            // a JDBC batch reports the failed row's constraint violation as its next exception
            for (SQLException sql = t instanceof SQLException first ? first : null; sql != null;
                 sql = sql.getNextException()) {
                if (sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Inside the caller's transaction: the rows, audit lines and process instances of a batch of new reviews. */
    private List<Long> startBatch(long instanceId, List<Job> jobs, String actor) {
        Instant now = clock.instant();
        int samplingPercent = settings.get().samplingPercent();
        Map<Long, String> taskNames = new HashMap<>();
        jobs.stream().map(Job::taskId).distinct().forEach(taskId -> taskNames.put(taskId, jdbc.query(
                "select name from tracked_task where instance_id = ? and cvat_task_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, instanceId, taskId)));
        Map<Long, Priority> priorityOfJob = new HashMap<>();
        jobs.stream().collect(java.util.stream.Collectors.groupingBy(Job::taskId)).forEach((taskId, ofTask) ->
                priorityOfJob.putAll(priorities.effective(instanceId, taskId, ofTask.stream().map(Job::id).toList())));
        List<Review> saved = insertQueued(taskNames, jobs.stream().map(job -> Review.queued(instanceId, job.taskId(),
                job.id(), job.assignee() == null ? null : job.assignee().id(),
                job.assignee() == null ? null : job.assignee().username(),
                CvatOrganization.of(job.organization()), now)
                .withWork(priorityOfJob.get(job.id()), frames(job))).toList());
        jdbc.batchUpdate("insert into audit_entry (review_id, instance_id, cvat_job_id, actor, action, note, "
                + "occurred_at) values (?, ?, ?, ?, 'QUEUED', ?, ?)", saved.stream().map(review -> new Object[] {
                review.id(), instanceId, review.cvatJobId(), actor, "Completed in CVAT by "
                + (review.annotatorUsername() == null ? "an unassigned annotator" : review.annotatorUsername())
                + "; queued for review", Timestamp.from(now)}).toList());
        // one engine command for the whole batch: the engine flushes its rows once, in JDBC batches
        List<Object[]> links = engine.getCommandExecutorTxRequired().execute(context -> {
            String definitionId = latestDefinitionId();
            List<Object[]> processIds = new ArrayList<>(saved.size());
            // the most urgent first: with auto-assignment on, they get the reviewers who have room
            for (Review review : AssignmentRules.mostUrgentFirst(saved)) {
                boolean sampled = ThreadLocalRandom.current().nextInt(100) < samplingPercent;
                ProcessInstance process = runtime.startProcessInstanceById(definitionId, review.businessKey(),
                        ReviewVariables.atStart(review.id(), instanceId, review.cvatTaskId(), review.cvatJobId(),
                                review.priorityLevel(), sampled));
                processIds.add(new Object[] {process.getId(), review.id()});
            }
            return processIds;
        });
        jdbc.batchUpdate("update review set process_instance_id = ? where id = ?", links);
        return saved.stream().map(Review::id).toList();
    }

    /** One JDBC batch for the new rows (the repository would map and insert them one by one). */
    private List<Review> insertQueued(Map<Long, String> taskNames, List<Review> queued) {
        return jdbc.execute((ConnectionCallback<List<Review>>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into review (instance_id, "
                    + "cvat_task_id, cvat_job_id, open_key, status, annotator_id, annotator_username, queued_at, "
                    + "updated_at, cvat_org_id, cvat_org_known, task_name, priority, job_frames) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                for (Review review : queued) {
                    insert.setLong(1, review.instanceId());
                    insert.setLong(2, review.cvatTaskId());
                    insert.setLong(3, review.cvatJobId());
                    insert.setString(4, review.openKey());
                    insert.setString(5, review.status().name());
                    insert.setObject(6, review.annotatorId(), Types.BIGINT);
                    insert.setString(7, review.annotatorUsername());
                    insert.setTimestamp(8, Timestamp.from(review.queuedAt()));
                    insert.setTimestamp(9, Timestamp.from(review.updatedAt()));
                    insert.setObject(10, review.cvatOrgId(), Types.BIGINT);
                    insert.setBoolean(11, review.cvatOrgKnown());
                    insert.setString(12, taskNames.get(review.cvatTaskId()));
                    insert.setInt(13, review.priority());
                    insert.setObject(14, review.jobFrames(), Types.INTEGER);
                    insert.addBatch();
                }
                insert.executeBatch();
                List<Review> saved = new ArrayList<>(queued.size());
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    for (Review review : queued) {
                        if (!keys.next()) {
                            throw new IllegalStateException("The database returned fewer review ids than rows");
                        }
                        saved.add(review.withId(keys.getLong(1)));
                    }
                }
                return saved;
            }
        });
    }

    /** Looked up once per batch: by key, the engine would query the latest version for every start. */
    private String latestDefinitionId() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(ReviewVariables.PROCESS_KEY)
                .withoutTenantId().latestVersion().singleResult().getId();
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
                if (job.assignee() != null && !Objects.equals(job.assignee().id(), review.annotatorId())) {
                    reviews.updateAnnotator(review.id(), job.assignee().id(), job.assignee().username(),
                            clock.instant());
                }
                runtime.createMessageCorrelation(ReviewVariables.MESSAGE_ANNOTATION_COMPLETED)
                        .processInstanceId(review.processInstanceId())
                        .correlateWithResult();
            });
            return true;
        } catch (MismatchingMessageCorrelationException | org.springframework.transaction.TransactionException e) {
            return false;
        }
    }
}
