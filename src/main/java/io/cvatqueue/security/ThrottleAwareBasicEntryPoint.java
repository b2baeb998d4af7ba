package io.cvatqueue.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

import java.io.IOException;

/** HTTP Basic's 401 challenge, or 429 with {@code Retry-After} while the {@link LoginThrottle} refuses logins. */
class ThrottleAwareBasicEntryPoint extends BasicAuthenticationEntryPoint {

    ThrottleAwareBasicEntryPoint() {
        setRealmName("CVAT Queue Manager");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            response.setContentType("text/plain;charset=UTF-8");
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.getWriter().write(throttled.getMessage());
            return;
        }
        super.commence(request, response, e);
    }
}
