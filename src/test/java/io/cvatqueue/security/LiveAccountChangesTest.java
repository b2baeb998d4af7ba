package io.cvatqueue.security;

import io.cvatqueue.CvatFake;
import io.cvatqueue.RunningAppTest;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Registration;
import io.cvatqueue.account.Role;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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

import static io.cvatqueue.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin's change to an account applies to that account's existing sessions on their very next request: the
 * Camunda engine API, the app's pages, and deactivation ending the session.
 */
@RunningAppTest
class LiveAccountChangesTest {

    private static final CvatFake cvat = new CvatFake()
            .acceptsToken("Token admin-key", 1, "owner")
            .acceptsToken("Token rev1-key", 2, "rev1");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    AccountSessions accountSessions;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SecurityContextHolderStrategy securityContext;

    private AppUser rev1;
    private String engineApi;
    private final java.util.List<String> probes = new java.util.ArrayList<>();

    @BeforeEach
    void adminAndSecondAdmin() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
        accounts.register(new Registration("admin", PASSWORD, cvat.baseUrl(), "admin-key"));
        rev1 = accounts.register(new Registration("rev1", PASSWORD, cvat.baseUrl(), "rev1-key"));
        engineApi = "/camunda/api/engine/engine/" + engine.getName();
    }

    /**
     * A running process to read and change through Camunda's API: a job-review instance of no real review, waiting
     * for an admin to assign it (the app refuses to deploy processes of its own design besides its workflow).
     */
    private ProcessInstance probe() {
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("reviewId", -1L);
        variables.put("sampled", true);
        variables.put("reviewer", null);
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("job-review", variables);
        probes.add(instance.getId());
        return instance;
    }

    @AfterEach
    void removeProbe() {
        probes.forEach(id -> engine.getRuntimeService().deleteProcessInstanceIfExists(id, "test over", true, true,
                true, true));
        securityContext.clearContext();
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void demotedAdminLosesTheCamundaEngineOnTheNextRequest() {
        asAdmin(() -> accounts.changeRole(rev1.id(), Role.ADMIN));
        ProcessInstance instance = probe();
        WebClient browser = new WebClient(port);
        assertThat(browser.logIn("rev1", PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        assertThat(browser.get("/camunda/app/cockpit/" + engine.getName() + "/").statusCode()).isEqualTo(200);
        assertThat(browser.get(engineApi + "/process-instance").statusCode()).isEqualTo(200);
        assertThat(setVariable(browser, instance, 1).statusCode()).isEqualTo(204);

        asAdmin(() -> accounts.changeRole(rev1.id(), Role.REVIEWER));

        assertThat(browser.get(engineApi + "/process-instance").statusCode()).isEqualTo(403);
        assertThat(setVariable(browser, instance, 2).statusCode()).isEqualTo(403);
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "probe")).isEqualTo(1);
        // still logged in, as a reviewer
        assertThat(browser.get("/", "Accept", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void camundasOwnAuthorizationChecksRefuseADemotedAdmin() {
        asAdmin(() -> accounts.changeRole(rev1.id(), Role.ADMIN));
        ProcessInstance instance = probe();
        WebClient browser = new WebClient(port);
        browser.logIn("rev1", PASSWORD);
        assertThat(browser.get(engineApi + "/process-instance").statusCode()).isEqualTo(200);
        assertThat(engine.getIdentityService().createUserQuery().userId("rev1").memberOfGroup("camunda-admin").count())
                .isEqualTo(1);

        asAdmin(() -> accounts.changeRole(rev1.id(), Role.REVIEWER));

        assertThat(engine.getIdentityService().createUserQuery().userId("rev1").count()).isZero();
        // as the webapps call the engine for a user without the camunda-admin group: nothing is visible
        engine.getIdentityService().setAuthentication("rev1", java.util.List.of());
        try {
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
                    .count()).isZero();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
                .count()).isEqualTo(1);
    }

    @Test
    void deactivatedAdminLosesTheCamundaEngineAndTheSession() {
        asAdmin(() -> accounts.changeRole(rev1.id(), Role.ADMIN));
        ProcessInstance instance = probe();
        WebClient browser = new WebClient(port);
        browser.logIn("rev1", PASSWORD);
        assertThat(browser.get(engineApi + "/process-instance").statusCode()).isEqualTo(200);

        asAdmin(() -> accounts.changeRole(rev1.id(), Role.REVIEWER));
        asAdmin(() -> accounts.setActive(rev1.id(), false));

        assertThat(browser.get(engineApi + "/process-instance").statusCode()).isIn(302, 401, 403);
        assertThat(setVariable(browser, instance, 3).statusCode()).isIn(302, 401, 403);
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "probe")).isNull();
    }

    @Test
    void promotedReviewerEntersCockpitWithoutLoggingInAgain() {
        WebClient browser = new WebClient(port);
        browser.logIn("rev1", PASSWORD);
        assertThat(browser.get(engineApi + "/process-instance").statusCode()).isEqualTo(403);

        asAdmin(() -> accounts.changeRole(rev1.id(), Role.ADMIN));

        assertThat(browser.get("/camunda/app/cockpit/" + engine.getName() + "/").statusCode()).isEqualTo(200);
        assertThat(browser.get(engineApi + "/process-instance").statusCode()).isEqualTo(200);
    }

    @Test
    void deactivationEndsTheSessionsAndTheLoginPageSaysWhy() {
        WebClient browser = new WebClient(port);
        browser.logIn("rev1", PASSWORD);
        assertThat(browser.get("/", "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(accountSessions.sessionCount(rev1.id())).isEqualTo(1);

        asAdmin(() -> accounts.setActive(rev1.id(), false));

        // ended at once, not only at the next request
        assertThat(accountSessions.sessionCount(rev1.id())).isZero();
        HttpResponse<String> next = browser.get("/", "Accept", "text/html");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(browser.logIn("rev1", PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void aSessionOfAnAccountDeactivatedElsewhereIsSentToTheLoginPageWithTheReason() {
        WebClient browser = new WebClient(port);
        browser.logIn("rev1", PASSWORD);
        assertThat(browser.get("/", "Accept", "text/html").statusCode()).isEqualTo(200);

        // as another node of a cluster would see it: the account row changed, this node's sessions did not end
        jdbc.update("update app_user set active = false where id = ?", rev1.id());

        HttpResponse<String> next = browser.get("/", "Accept", "text/html");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith(LiveAccountFilter.DEACTIVATED_URL));
        assertThat(browser.get(LiveAccountFilter.DEACTIVATED_URL).body()).doesNotContain("AccessDeniedException");
        assertThat(accountSessions.sessionCount(rev1.id())).isZero();
    }

    private HttpResponse<String> setVariable(WebClient browser, ProcessInstance instance, int value) {
        // Camunda's webapps want their CSRF cookie echoed in a header on every change
        String xsrf = browser.cookie("XSRF-TOKEN");
        String body = "{\"modifications\": {\"probe\": {\"value\": " + value + ", \"type\": \"Integer\"}}}";
        return xsrf == null
                ? browser.post(engineApi + "/process-instance/" + instance.getId() + "/variables", "application/json", body)
                : browser.post(engineApi + "/process-instance/" + instance.getId() + "/variables", "application/json",
                body, "X-XSRF-TOKEN", xsrf);
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
