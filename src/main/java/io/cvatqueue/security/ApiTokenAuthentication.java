package io.cvatqueue.security;

import io.cvatqueue.security.AppUserPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A REST request authenticated with an API token; its principal is the token owner's account. */
public class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final AppUserPrincipal principal;

    public ApiTokenAuthentication(AppUserPrincipal principal) {
        super(principal.getAuthorities());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        // the token is not kept in memory beyond the request's filter
        return null;
    }

    @Override
    public AppUserPrincipal getPrincipal() {
        return principal;
    }
}
