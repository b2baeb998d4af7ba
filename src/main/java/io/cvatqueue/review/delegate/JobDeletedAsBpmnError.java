package io.cvatqueue.review.delegate;

import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * A job deleted in CVAT will never come back, so retrying would only end in an incident: it becomes the BPMN
 * error {@code JOB_DELETED}, which the process handles. Other CVAT failures propagate and are retried.
 */
final class JobDeletedAsBpmnError {

    private JobDeletedAsBpmnError() {
    }

    static void run(Runnable cvatCall) {
        try {
            cvatCall.run();
        } catch (CvatException.NotFound e) {
            throw new BpmnError(ReviewVariables.ERROR_JOB_DELETED, "The job was deleted in CVAT");
        }
    }
}
