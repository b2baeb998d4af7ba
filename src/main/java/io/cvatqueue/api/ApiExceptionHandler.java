package io.cvatqueue.api;

import io.cvatqueue.backup.BackupException;

import io.cvatqueue.account.AccountException;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.notification.NotificationException;
import io.cvatqueue.review.ReviewException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.NoSuchElementException;

/**
 * Errors of the REST API as problem details (RFC 9457) carrying the domain's message, which is written for
 * people and so fits a script's log too. Only for this package's controllers: the UI and the demo CVAT keep
 * their own error handling.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** The review's state does not allow the action (already assigned, nothing to decide, ...). */
    @ExceptionHandler(ReviewException.class)
    ResponseEntity<ProblemDetail> review(ReviewException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({AccountException.class, NotificationException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ProblemDetail> notFound(NoSuchElementException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** CVAT is down or slow (503, worth retrying later) or answered something unusable (502). */
    @ExceptionHandler(CvatException.class)
    ResponseEntity<ProblemDetail> cvat(CvatException e) {
        return problem(e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    /** A backup or compaction of the H2 file failed on the server's side. */
    @ExceptionHandler(BackupException.class)
    ResponseEntity<ProblemDetail> backup(BackupException e) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
