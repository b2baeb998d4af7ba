package io.cvatqueue.api;

import io.cvatqueue.backup.BackupException;

import io.cvatqueue.account.AccountException;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.notification.NotificationException;
import io.cvatqueue.review.ReviewException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.NoSuchElementException;
import java.util.stream.Collectors;

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

    /** Spring says only "Failed to read request"; Jackson's own message names the app's classes. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                unreadableBody(e)));
    }

    static String unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JsonParseException parse && parse.getLocation() != null) {
            return "The request body is not valid JSON (line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ").";
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "The request body's field '" + field + "' has a value of the wrong type.";
        }
        if (cause instanceof JsonProcessingException) {
            return "The request body is not the JSON this endpoint takes.";
        }
        return "The request needs a JSON body.";
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
