package io.cvatqueue.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Paths under /api and /actuator that nothing serves answer 404 problem details. Without this, Vaadin's
 * catch-all route would answer them with its HTML page and 200, which scripts and monitors take for success.
 * More specific mappings (every real endpoint) always win over these patterns.
 */
@RestController
class UnknownPathController {

    @RequestMapping({"/api/**", "/actuator/**"})
    ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No such endpoint: " + request.getMethod() + " " + request.getRequestURI()
                        + ". The REST API is described at /v3/api-docs.");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
