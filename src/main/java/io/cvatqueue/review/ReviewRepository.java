package io.cvatqueue.review;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ReviewRepository extends ListCrudRepository<Review, Long> {

    Optional<Review> findByOpenKey(String openKey);

    @Query("select * from review where instance_id = :instanceId and cvat_task_id = :taskId and open_key is not null")
    List<Review> findOpenByTask(long instanceId, long taskId);

    @Query("select * from review where instance_id = :instanceId and cvat_task_id = :taskId order by cvat_job_id, id")
    List<Review> findByTask(long instanceId, long taskId);

    @Query("select count(*) from review where reviewer = :reviewer and status in ('ASSIGNED', 'IN_REVIEW')")
    long countActiveForReviewer(String reviewer);

    /** The task's name as the queue shows and sorts it (kept on the review row, see V30). */
    @Modifying
    @Query("update review set task_name = :name where instance_id = :instanceId and cvat_task_id = :taskId")
    void nameTask(long instanceId, long taskId, String name);

    /** Frames of the reviewer's open reviews; a job of unknown size counts as one frame. */
    @Query("select coalesce(sum(coalesce(job_frames, 1)), 0) from review where reviewer = :reviewer "
            + "and status in ('ASSIGNED', 'IN_REVIEW')")
    long activeFramesOf(String reviewer);

    @Query("select * from review where instance_id = :instanceId and status = 'QUEUED' "
            + "order by priority desc, queued_at, id")
    List<Review> findQueuedMostUrgentFirst(long instanceId);

    /**
     * Whether a queued review of the instance comes before the given one in the order auto-assignment serves the
     * queue (see {@code AssignmentRules.MOST_URGENT_FIRST}).
     */
    @Query("select count(*) from review where instance_id = :instanceId and status = 'QUEUED' and id <> :id "
            + "and (priority > :priority or (priority = :priority and (queued_at < :queuedAt "
            + "or (queued_at = :queuedAt and id < :id))))")
    long countQueuedAhead(long instanceId, long id, int priority, Instant queuedAt);

    @Query("select * from review where reviewer = :reviewer and status in ('ASSIGNED', 'IN_REVIEW') "
            + "order by priority desc, queued_at, id")
    List<Review> findActiveOf(String reviewer);

    @Modifying
    @Query("update review set process_instance_id = :processInstanceId where id = :id")
    void linkProcess(long id, String processInstanceId);

    @Modifying
    // a review that is queued already (every new one: inserted so) is not written again, which spares a sync an
    // update of every index per new review
    @Query("update review set status = 'QUEUED', reviewer = null, updated_at = :now where id = :id "
            + "and (status <> 'QUEUED' or reviewer is not null)")
    void markQueued(long id, Instant now);

    @Modifying
    @Query("update review set status = 'ASSIGNED', reviewer = :reviewer, assigned_at = coalesce(assigned_at, :now), "
            + "updated_at = :now where id = :id")
    void markAssigned(long id, String reviewer, Instant now);

    /** Another reviewer takes over a review in progress; its status and start time stay. */
    @Modifying
    @Query("update review set reviewer = :reviewer, updated_at = :now where id = :id")
    void changeReviewer(long id, String reviewer, Instant now);

    @Modifying
    @Query("update review set status = 'IN_REVIEW', review_started_at = :now, updated_at = :now where id = :id")
    void markInReview(long id, Instant now);

    @Modifying
    @Query("update review set status = 'REJECTED', outcome = 'REJECTED', rejection_count = rejection_count + 1, "
            + "decided_at = :now, overdue = false, updated_at = :now where id = :id")
    void markRejected(long id, Instant now);

    @Modifying
    @Query("update review set annotator_id = :annotatorId, annotator_username = :annotatorUsername, updated_at = :now "
            + "where id = :id")
    void updateAnnotator(long id, Long annotatorId, String annotatorUsername, Instant now);

    @Modifying
    @Query("update review set status = :status, outcome = :status, open_key = null, end_reason = :reason, "
            + "decided_at = coalesce(:decidedAt, decided_at), overdue = false, updated_at = :now where id = :id")
    void close(long id, String status, String reason, Instant decidedAt, Instant now);

    @Modifying
    @Query("update review set overdue = true, updated_at = :now where id = :id and open_key is not null")
    void markOverdue(long id, Instant now);
}
