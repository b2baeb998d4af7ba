package io.cvatqueue.queue;

import java.util.List;

/** A sort the queue supports; the names are what grids and the REST API pass. */
public record QueueSort(String property, boolean descending) {

    public static final QueueSort OLDEST_FIRST = new QueueSort("queuedAt", false);
    public static final QueueSort MOST_URGENT_FIRST = new QueueSort("priority", true);

    /** The queue's order unless asked otherwise: the most urgent first, and among equals the longest waiting. */
    public static final List<QueueSort> DEFAULT_ORDER = List.of(MOST_URGENT_FIRST, OLDEST_FIRST);

    /**
     * The order that a client's sorts stand for: the default order when none are given, and a sort by priority alone
     * keeps the longest waiting first among equal priorities (a grid sorts by one column at a time; ties would
     * otherwise go by review id, which a job returned to the queue does not follow).
     */
    public static List<QueueSort> effective(List<QueueSort> sorts) {
        if (sorts == null || sorts.isEmpty()) {
            return DEFAULT_ORDER;
        }
        return sorts.size() == 1 && sorts.get(0).property().equals(MOST_URGENT_FIRST.property())
                ? List.of(sorts.get(0), OLDEST_FIRST) : sorts;
    }
}
