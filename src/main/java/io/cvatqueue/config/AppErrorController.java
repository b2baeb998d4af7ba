package io.cvatqueue.config;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Spring Boot's error controller, except that {@code /error} opened directly (not forwarded by the container for
 * a real error) answers 404: nothing failed, there is just no page at that address. Spring's default answers 500,
 * which monitors and scanners read as a broken server. Error pages (error/403.html, ...) resolve as before. Errors
 * of REST API requests that no controller answered answer problem details like the API's own errors, instead of
 * Spring's different error body: a path nothing serves (404; Vaadin leaves /api to Spring, see
 * {@code vaadin.exclude-urls}), a method the path does not take (405, with Spring's {@code Allow} header), a URL
 * the firewall refuses, a failing filter.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class AppErrorController extends BasicErrorController {

    private final ErrorAttributes errorAttributes;

    AppErrorController(ErrorAttributes errorAttributes, ServerProperties server,
                       ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList());
        this.errorAttributes = errorAttributes;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path)
                || !path.startsWith("/api/")) {
            return super.error(request);
        }
        HttpStatus status = getStatus(request);
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        // a client error's message says what was wrong with the request; a server error's stays in the log
        problem.put("detail", detail(request, path, status, message));
        problem.put("instance", path);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private String detail(HttpServletRequest request, String path, HttpStatus status, Object message) {
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        if (error instanceof HttpRequestMethodNotSupportedException wrongMethod
                && wrongMethod.getSupportedHttpMethods() != null) {
            return request.getMethod() + " is not supported at " + path + "; it takes " + wrongMethod
                    .getSupportedHttpMethods().stream().map(HttpMethod::name).sorted()
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (status == HttpStatus.NOT_FOUND) {
            return "No such endpoint: " + request.getMethod() + " " + path
                    + ". The REST API is described at /v3/api-docs.";
        }
        if (status.is5xxServerError()) {
            return "The server could not answer this request; its log has the details.";
        }
        // a client error's message says what was wrong with the request
        return message instanceof String text && !text.isBlank() ? text : status.getReasonPhrase();
    }

    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            return HttpStatus.NOT_FOUND;
        }
        return super.getStatus(request);
    }
}
