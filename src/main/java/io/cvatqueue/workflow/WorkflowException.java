package io.cvatqueue.workflow;

/** A workflow change the app refuses, with a message an admin can act on. */
public class WorkflowException extends RuntimeException {

    public WorkflowException(String message) {
        super(message);
    }
}
