package io.cvatqueue.analytics;

/** A refresh or analytics request that cannot be served, with a message a user can read. */
public class AnalyticsException extends RuntimeException {

    public AnalyticsException(String message) {
        super(message);
    }

    /** The task is not tracked in this instance, so there is nothing to analyse. */
    public static class UnknownTask extends AnalyticsException {
        public UnknownTask(long taskId) {
            super("Task " + taskId + " is not tracked in this CVAT instance");
        }
    }

    /** Another refresh of the same task runs right now (on this node or another). */
    public static class AlreadyRunning extends AnalyticsException {
        public AlreadyRunning(long taskId) {
            super("A refresh of task " + taskId + " is already running; its result appears when it finishes");
        }
    }
}
