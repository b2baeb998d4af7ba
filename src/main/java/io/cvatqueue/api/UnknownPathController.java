package io.cvatqueue.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Paths under /api and /actuator that nothing serves answer 404 problem details; a path that exists but not for the
 * request's method answers 405 with the methods it takes. Without this, Vaadin's catch-all route would answer them
 * with its HTML page and 200, which scripts and monitors take for success. More specific mappings (every real
 * endpoint) always win over these patterns.
 */
@RestController
class UnknownPathController {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    UnknownPathController(@Qualifier("requestMappingHandlerMapping")
                          ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @RequestMapping({"/api/**", "/actuator/**"})
    ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) {
        Set<HttpMethod> allowed = methodsServedAt(request);
        if (!allowed.isEmpty()) {
            HttpMethod[] methods = allowed.toArray(HttpMethod[]::new);
            if (HttpMethod.OPTIONS.matches(request.getMethod())) {
                return ResponseEntity.ok().allow(methods).build();
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                    request.getMethod() + " is not supported at " + request.getRequestURI() + "; it takes "
                            + allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")) + ".");
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).allow(methods).body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No such endpoint: " + request.getMethod() + " " + request.getRequestURI()
                        + ". The REST API is described at /v3/api-docs.");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    /** The methods of the app's own endpoints whose path matches the request's (none: the path does not exist). */
    private Set<HttpMethod> methodsServedAt(HttpServletRequest request) {
        Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        mappings.getObject().getHandlerMethods().forEach((info, handler) -> {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (handler.getBeanType() != UnknownPathController.class && paths != null
                    && paths.getMatchingCondition(request) != null) {
                info.getMethodsCondition().getMethods().forEach(method -> methods.add(HttpMethod.valueOf(method.name())));
            }
        });
        return methods;
    }
}
