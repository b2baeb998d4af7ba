package io.cvatqueue.config;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring Boot's error controller, except that {@code /error} opened directly (not forwarded by the container for
 * a real error) answers 404: nothing failed, there is just no page at that address. Spring's default answers 500,
 * which monitors and scanners read as a broken server. Error pages (error/403.html, ...) resolve as before.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class AppErrorController extends BasicErrorController {

    AppErrorController(ErrorAttributes errorAttributes, ServerProperties server,
                       ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList());
    }

    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            return HttpStatus.NOT_FOUND;
        }
        return super.getStatus(request);
    }
}
