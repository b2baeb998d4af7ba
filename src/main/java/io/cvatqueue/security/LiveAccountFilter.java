package io.cvatqueue.security;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Re-reads the logged-in account of a session on every request, so that an admin's change applies to the very
 * next request of the user's existing session: a new role replaces the authorities stored at login, a deactivated
 * or deleted account loses its session. Without this, the session would keep the role it had at login for its
 * whole lifetime (8 hours). One primary-key read per request.
 * <p>
 * Deliberately not a Spring bean: Boot would register it for every request of every chain.
 */
public class LiveAccountFilter extends OncePerRequestFilter {

    /** Where a deactivated user's browser is sent; the login page explains it. */
    public static final String DEACTIVATED_URL = "/login?deactivated";

    private final AppUserRepository users;
    private final AccountSessions accountSessions;
    private final SecurityContextHolderStrategy contexts;
    private final HttpSessionSecurityContextRepository sessionContexts = new HttpSessionSecurityContextRepository();

    public LiveAccountFilter(AppUserRepository users, AccountSessions accountSessions,
                             SecurityContextHolderStrategy contexts) {
        this.users = users;
        this.accountSessions = accountSessions;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = contexts.getContext().getAuthentication();
        if (session == null || authentication == null
                || !(authentication.getPrincipal() instanceof AppUserPrincipal principal)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AppUser> current = users.findById(principal.id()).filter(AppUser::active);
        if (current.isEmpty()) {
            endSession(request, session);
            if (isPageRequest(request)) {
                response.sendRedirect(request.getContextPath() + DEACTIVATED_URL);
                return;
            }
            // Vaadin's own requests then find no session ("session expired"); the rest are anonymous from here on
            chain.doFilter(request, response);
            return;
        }
        AppUserPrincipal fresh = AppUserPrincipal.of(current.get());
        if (!fresh.equals(principal)) {
            UsernamePasswordAuthenticationToken updated =
                    UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities());
            updated.setDetails(authentication.getDetails());
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(updated);
            contexts.setContext(context);
            sessionContexts.saveContext(context, request, response);
        }
        accountSessions.track(fresh.id(), session);
        chain.doFilter(request, response);
    }

    private void endSession(HttpServletRequest request, HttpSession session) {
        contexts.clearContext();
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended by another request meanwhile
        }
    }

    /** A browser opening a page, as opposed to Vaadin's own requests ({@code v-r=...}) or an XHR to an API. */
    private static boolean isPageRequest(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && request.getParameter("v-r") == null
                && accept != null && accept.contains("text/html");
    }
}
