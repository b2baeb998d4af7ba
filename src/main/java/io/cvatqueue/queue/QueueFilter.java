package io.cvatqueue.queue;

import io.cvatqueue.review.ReviewStatus;

import java.util.Set;

/**
 * What a queue page shows. Null fields do not filter.
 *
 * @param statuses    empty means all open statuses
 * @param reviewer    a username, or {@link #UNASSIGNED} for reviews nobody has yet
 */
public record QueueFilter(long instanceId, Long cvatTaskId, Set<ReviewStatus> statuses, String reviewer,
                          boolean overdueOnly) {

    public static final String UNASSIGNED = "(unassigned)";

    public static QueueFilter openReviews(long instanceId) {
        return new QueueFilter(instanceId, null, Set.of(), null, false);
    }

    public QueueFilter withStatuses(Set<ReviewStatus> newStatuses) {
        return new QueueFilter(instanceId, cvatTaskId, newStatuses, reviewer, overdueOnly);
    }

    public QueueFilter withTask(Long newTaskId) {
        return new QueueFilter(instanceId, newTaskId, statuses, reviewer, overdueOnly);
    }

    public QueueFilter withReviewer(String newReviewer) {
        return new QueueFilter(instanceId, cvatTaskId, statuses, newReviewer, overdueOnly);
    }

    public QueueFilter withOverdueOnly(boolean newOverdueOnly) {
        return new QueueFilter(instanceId, cvatTaskId, statuses, reviewer, newOverdueOnly);
    }
}
