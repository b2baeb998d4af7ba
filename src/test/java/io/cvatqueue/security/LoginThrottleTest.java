package io.cvatqueue.security;

import io.cvatqueue.CvatFake;
import io.cvatqueue.RunningAppTest;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cvatqueue.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password and token guessing is slowed down per account and per client, for the login form, HTTP Basic and API
 * tokens alike. Each test acts from its own client address (X-Forwarded-For, honoured as behind a proxy).
 */
@RunningAppTest
class LoginThrottleTest {

    private static final CvatFake cvat = new CvatFake()
            .acceptsToken("Token admin-key", 1, "owner")
            .acceptsToken("Token rita-key", 2, "rita");
    private static final AtomicInteger clients = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    LoginLocks loginLocks;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    SecurityContextHolderStrategy securityContext;
    @Autowired
    JdbcTemplate jdbc;

    private AppUser rita;
    private String client;

    @BeforeEach
    void accounts() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
        jdbc.update("delete from login_failure");
        accounts.register(new Registration("admin", PASSWORD, cvat.baseUrl(), "admin-key"));
        rita = accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), "rita-key"));
        client = "203.0.113." + clients.incrementAndGet();
    }

    @AfterEach
    void forgetFailures() {
        securityContext.clearContext();
        // other test classes share this app and log in as rita and admin
        jdbc.update("delete from login_failure");
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountSoEvenTheRightOneWaits() {
        for (int i = 0; i < 5; i++) {
            assertThat(basic("rita", "wrong guess " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> right = basic("rita", PASSWORD);

        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 30L));
        assertThat(right.body()).contains("Too many failed logins. Try again in 30 seconds.");
    }

    @Test
    void theLockHoldsForTheLoginFormFromAnotherClientToo() {
        for (int i = 0; i < 5; i++) {
            basic("rita", "wrong guess " + i);
        }
        WebClient browser = new WebClient(port);

        HttpResponse<String> login = browser.postLoginForm("rita", PASSWORD, true, "X-Forwarded-For", "198.51.100.7");

        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(browser.get("/", "Accept", "text/html").statusCode()).isEqualTo(302);
    }

    @Test
    void locksGrowWithEveryFurtherFailure() {
        for (int i = 0; i < 5; i++) {
            basic("rita", "wrong guess " + i);
        }
        jdbc.update("update login_failure set locked_until = null");

        basic("rita", "sixth guess");

        assertThat(basic("rita", PASSWORD).headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(31L, 60L));
    }

    @Test
    void namesThatAreNoAccountAreThrottledAlike() {
        for (int i = 0; i < 5; i++) {
            basic("nobody", "wrong guess " + i);
        }

        assertThat(basic("nobody", "another guess").statusCode()).isEqualTo(429);
    }

    @Test
    void oneClientTryingManyNamesIsThrottled() {
        for (int i = 0; i < 20; i++) {
            basic("user" + i, "guess");
        }

        HttpResponse<String> next = basic("rita", PASSWORD);

        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(next.body()).contains("Try again in 1 minute");
    }

    @Test
    void guessingApiTokensIsThrottledPerClient() {
        for (int i = 0; i < 20; i++) {
            assertThat(bearer("cqm_guess" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> next = bearer("cqm_guess21");

        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(next.headers().firstValue("Retry-After")).isPresent();
        assertThat(next.body()).contains("Too many failed logins");
    }

    @Test
    void aSuccessfulLoginForgetsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            basic("rita", "wrong guess " + i);
        }
        assertThat(basic("rita", PASSWORD).statusCode()).isEqualTo(200);

        basic("rita", "one more wrong guess");

        assertThat(basic("rita", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void adminsSeeLockedAccountsAndCanUnlockThem() {
        for (int i = 0; i < 5; i++) {
            basic("rita", "wrong guess " + i);
        }

        asAdmin(() -> {
            assertThat(loginLocks.lockedAccounts()).containsOnlyKeys(rita.id());
            loginLocks.unlock(rita.id());
            assertThat(loginLocks.lockedAccounts()).isEmpty();
        });

        assertThat(basic("rita", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordLongerThanBcryptKeepsIsAWrongPasswordNotAnError() {
        HttpResponse<String> login = new WebClient(port).postLoginForm("rita", "x".repeat(100), true);

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(basic("rita", "y".repeat(100)).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> basic(String username, String password) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new WebClient(port).get("/api/v1/tasks", "Authorization", "Basic " + credentials,
                "X-Forwarded-For", client);
    }

    private HttpResponse<String> bearer(String token) {
        return new WebClient(port).get("/api/v1/tasks", "Authorization", "Bearer " + token, "X-Forwarded-For", client);
    }

    private void asAdmin(Runnable action) {
        var admin = userDetails.loadUserByUsername("admin");
        securityContext.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(admin, null, admin.getAuthorities()));
        try {
            action.run();
        } finally {
            securityContext.clearContext();
        }
    }
}
