package io.cvatqueue.security;

import io.cvatqueue.CvatFake;
import io.cvatqueue.RunningAppTest;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.Registration;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import java.net.http.HttpResponse;

import static io.cvatqueue.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may go where, checked over HTTP against the running app: the Vaadin UI behind the app's login, Camunda's
 * webapps for admins only, entered with the app's session (single sign-on). Access to the Vaadin views by role is
 * checked in {@code ui/AdminViewAccessTest}: over HTTP every route answers 200 and Vaadin decides afterwards.
 */
@RunningAppTest
class SecurityTest {

    private static final CvatFake cvat = new CvatFake()
            .acceptsToken("Token admin-key", 1, "owner")
            .acceptsToken("Token rita-key", 2, "rita");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    AppUserDetailsService userDetails;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    /** This app's holder strategy: the static SecurityContextHolder belongs to whichever test context started last. */
    @Autowired
    SecurityContextHolderStrategy securityContext;

    private String cockpit;
    private String camundaCurrentUser;

    @BeforeEach
    void adminAndReviewer() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
        accounts.register(new Registration("admin", PASSWORD, cvat.baseUrl(), "admin-key"));
        accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), "rita-key"));
        // the test profile gives each context's engine a unique name; in production it is "default"
        cockpit = "/camunda/app/cockpit/" + engine.getName() + "/";
        camundaCurrentUser = "/camunda/api/admin/auth/user/" + engine.getName();
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void anonymousVisitorIsRedirectedToLogin() {
        WebClient browser = new WebClient(port);

        assertRedirectsToLogin(browser.get("/"));
        assertRedirectsToLogin(browser.get(cockpit));
    }

    @Test
    void anonymousVisitorMayOpenLoginAndRegistration() {
        WebClient browser = new WebClient(port);

        assertThat(browser.get("/login").statusCode()).isEqualTo(200);
        assertThat(browser.get("/register").statusCode()).isEqualTo(200);
    }

    @Test
    void theErrorPathOpenedDirectlyIsNotFoundRatherThanAServerError() {
        assertThat(new WebClient(port).get("/error").statusCode()).isEqualTo(404);
    }

    @Test
    void anApiUrlTheFirewallRefusesGetsProblemDetailsLikeEveryOtherApiError() {
        HttpResponse<String> refused = new WebClient(port).get("/api/v1/reviews//assign", "Accept", "*/*");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"status\":400", "\"instance\":\"/api/v1/reviews//assign\"",
                "\"title\":\"Bad Request\"");
    }

    @Test
    void anonymousVisitorGetsNoCamundaApi() {
        HttpResponse<String> response = new WebClient(port).get(camundaCurrentUser);

        assertThat(response.statusCode()).isIn(302, 401, 403);
        assertThat(response.body()).doesNotContain("userId");
    }

    @Test
    void wrongPasswordIsRefused() {
        HttpResponse<String> response = new WebClient(port).logIn("admin", "not the password");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void loggedInUserReachesTheDashboard() {
        WebClient browser = new WebClient(port);
        assertLoggedIn(browser.logIn("rita", PASSWORD));

        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void reviewerIsRefusedFromCockpit() {
        WebClient browser = new WebClient(port);
        assertLoggedIn(browser.logIn("rita", PASSWORD));

        assertThat(browser.get(cockpit).statusCode()).isEqualTo(403);
        assertThat(browser.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(403);
        assertThat(browser.get("/camunda/app/admin/" + engine.getName() + "/").statusCode()).isEqualTo(403);
        HttpResponse<String> api = browser.get(camundaCurrentUser);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).doesNotContain("userId");
    }

    @Test
    void reviewerOpeningCockpitSeesTheAppsOwnPageNotWhitelabel() {
        WebClient browser = new WebClient(port);
        assertLoggedIn(browser.logIn("rita", PASSWORD));

        HttpResponse<String> page = browser.get(cockpit, "Accept", "text/html");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("You need the admin role for this").contains("href=\"/\"")
                .doesNotContain("Whitelabel");
    }

    @Test
    void adminEntersCockpitWithTheAppsSession() {
        WebClient browser = new WebClient(port);
        assertLoggedIn(browser.logIn("admin", PASSWORD));

        HttpResponse<String> cockpitPage = browser.get(cockpit);
        assertThat(cockpitPage.statusCode()).isEqualTo(200);
        assertThat(cockpitPage.body()).containsIgnoringCase("cockpit");

        // Camunda's webapps ask this on start; a 401 would show Camunda's own login form instead of Cockpit
        HttpResponse<String> currentUser = browser.get(camundaCurrentUser);
        assertThat(currentUser.statusCode()).isEqualTo(200);
        assertThat(currentUser.body()).contains("\"userId\":\"admin\"").contains("cockpit");
    }

    @Test
    void adminCanUseCamundasRestApiThroughTheWebapp() {
        WebClient browser = new WebClient(port);
        assertLoggedIn(browser.logIn("admin", PASSWORD));
        browser.get(cockpit);

        HttpResponse<String> definitions = browser.get(
                "/camunda/api/engine/engine/" + engine.getName() + "/process-definition/count");

        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(definitions.body()).contains("count");
    }

    @Test
    void reviewerIsRefusedFromAdminOnlyServices() {
        securityContext.getContext().setAuthentication(authenticated("rita"));
        try {
            assertThatThrownBy(() -> accounts.listAll()).isInstanceOf(AccessDeniedException.class);
        } finally {
            securityContext.clearContext();
        }
    }

    @Test
    void adminMayUseAdminOnlyServices() {
        securityContext.getContext().setAuthentication(authenticated("admin"));
        try {
            assertThat(accounts.listAll()).extracting(a -> a.username()).containsExactly("admin", "rita");
        } finally {
            securityContext.clearContext();
        }
    }

    private UsernamePasswordAuthenticationToken authenticated(String username) {
        var principal = userDetails.loadUserByUsername(username);
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    }

    private static void assertRedirectsToLogin(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    private static void assertLoggedIn(HttpResponse<String> loginResponse) {
        assertThat(loginResponse.statusCode()).isEqualTo(302);
        assertThat(loginResponse.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }
}
