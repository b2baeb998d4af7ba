package io.cvatqueue.queue;

/** A sort the queue supports; the names are what grids and the REST API pass. */
public record QueueSort(String property, boolean descending) {

    public static final QueueSort OLDEST_FIRST = new QueueSort("queuedAt", false);
    public static final QueueSort MOST_URGENT_FIRST = new QueueSort("priority", true);

    /** The queue's order unless asked otherwise: the most urgent first, and among equals the longest waiting. */
    public static final java.util.List<QueueSort> DEFAULT_ORDER = java.util.List.of(MOST_URGENT_FIRST, OLDEST_FIRST);
}
