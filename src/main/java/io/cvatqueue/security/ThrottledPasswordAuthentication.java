package io.cvatqueue.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Username and password checks (login form and HTTP Basic) behind the {@link LoginThrottle}: a locked name or
 * client is refused before the password is even looked at, with a message saying when to try again.
 */
@Component
class ThrottledPasswordAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final Clock clock;

    ThrottledPasswordAuthentication(UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                    Clock clock) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(passwordEncoder);
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Optional<java.time.Instant> locked = throttle.lockedUntil(username, client);
        if (locked.isPresent()) {
            throw new LoginThrottledException(locked.get(), clock.instant());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username, client);
            return result;
        } catch (BadCredentialsException | InternalAuthenticationServiceException e) {
            // the latter: e.g. a password longer than bcrypt's 72 bytes, which cannot be anyone's password here
            throttle.failed(username, client);
            throw new BadCredentialsException("Wrong username or password");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
