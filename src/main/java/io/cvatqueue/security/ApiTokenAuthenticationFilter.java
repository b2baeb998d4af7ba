package io.cvatqueue.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.cvatqueue.security.LoginThrottle;
import io.cvatqueue.security.LoginThrottledException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;

/**
 * Authenticates REST requests that carry {@code Authorization: Bearer <API token>}. Requests without a bearer
 * token pass on to HTTP Basic; a wrong bearer token is refused at once rather than treated as anonymous, so a
 * script with a revoked token gets a clear 401.
 * <p>
 * Deliberately not a Spring bean: Boot would register it for every request of every chain.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts;
    private final LoginThrottle throttle;
    private final Clock clock;

    public ApiTokenAuthenticationFilter(ApiTokenService tokens, AuthenticationEntryPoint entryPoint,
                                        SecurityContextHolderStrategy contexts, LoginThrottle throttle, Clock clock) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
        this.contexts = contexts;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            chain.doFilter(request, response);
            return;
        }
        // guessing tokens counts against the client like guessing passwords; a token names no account
        var locked = throttle.lockedUntil(null, request.getRemoteAddr());
        if (locked.isPresent()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new LoginThrottledException(locked.get(), clock.instant()));
            return;
        }
        var principal = tokens.authenticate(header.substring(7).strip());
        if (principal.isEmpty()) {
            throttle.failed(null, request.getRemoteAddr());
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("Unknown or revoked API token"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(principal.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
