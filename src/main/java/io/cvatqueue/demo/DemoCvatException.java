package io.cvatqueue.demo;

import java.util.List;
import java.util.Map;

/**
 * A request the demo CVAT refuses, with the status and body a real CVAT (Django REST framework) answers:
 * {@code {"detail": "..."}} for 401/403/404 and {@code {"field": ["message"]}} for 400.
 */
public class DemoCvatException extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    private DemoCvatException(int status, String message, Map<String, Object> body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public static DemoCvatException invalidToken() {
        return detail(401, "Invalid token.");
    }

    public static DemoCvatException forbidden() {
        return detail(403, "You do not have permission to perform this action.");
    }

    public static DemoCvatException notFound() {
        return detail(404, "Not found.");
    }

    public static DemoCvatException invalidPage() {
        return detail(404, "Invalid page.");
    }

    public static DemoCvatException badField(String field, String message) {
        return new DemoCvatException(400, field + ": " + message, Map.of(field, List.of(message)));
    }

    private static DemoCvatException detail(int status, String detail) {
        return new DemoCvatException(status, detail, Map.of("detail", detail));
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }
}
