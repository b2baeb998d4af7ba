package io.cvatqueue.queue;

/** A sort the queue supports; the names are what grids and the REST API pass. */
public record QueueSort(String property, boolean descending) {

    public static final QueueSort OLDEST_FIRST = new QueueSort("queuedAt", false);
}
