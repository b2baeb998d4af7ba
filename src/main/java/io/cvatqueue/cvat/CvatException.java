package io.cvatqueue.cvat;

/**
 * A failed call to CVAT, with a message that can be shown to a user as it is.
 * Subclasses say whether retrying later can help.
 */
public class CvatException extends RuntimeException {

    private final int status;

    public CvatException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public CvatException(String message, int status) {
        this(message, status, null);
    }

    /** HTTP status CVAT answered with, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** True when the same call may succeed later (CVAT down, slow or rate limiting). */
    public boolean retryable() {
        return false;
    }

    /** 401 or 403: the token is wrong, expired or lacks the rights for this call. */
    public static class AccessDenied extends CvatException {
        public AccessDenied(String message, int status) {
            super(message, status);
        }
    }

    /** 404: the job, task or page no longer exists in CVAT. */
    public static class NotFound extends CvatException {
        public NotFound(String message) {
            super(message, 404);
        }
    }

    /** 429, 5xx, timeouts and connection failures. */
    public static class Unavailable extends CvatException {
        public Unavailable(String message, int status, Throwable cause) {
            super(message, status, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** 400 or 422: CVAT refused the request's content. */
    public static class Rejected extends CvatException {
        public Rejected(String message, int status) {
            super(message, status);
        }
    }
}
