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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.cvatqueue.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Login CSRF, security headers, the session cookie's attributes, and a stateless REST API. */
@RunningAppTest
class BrowserProtectionTest {

    private static final CvatFake cvat = new CvatFake().acceptsToken("Token admin-key", 1, "owner");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void admin() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
        accounts.register(new Registration("admin", PASSWORD, cvat.baseUrl(), "admin-key"));
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void loginWithoutTheCsrfTokenIsRefused() {
        WebClient browser = new WebClient(port);

        HttpResponse<String> login = browser.postLoginForm("admin", PASSWORD, false);

        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(browser.get("/", "Accept", "text/html").statusCode()).isEqualTo(302);
    }

    @Test
    void loginWithTheCsrfTokenOfTheLoginPageWorks() {
        WebClient browser = new WebClient(port);

        HttpResponse<String> login = browser.postLoginForm("admin", PASSWORD, true);

        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(browser.get("/", "Accept", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesOfTheAppCarryAContentSecurityPolicyAndAReferrerPolicy() {
        HttpResponse<String> login = new WebClient(port).get("/login");

        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(SecurityConfig.CONTENT_SECURITY_POLICY);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'self'", "base-uri 'self'"));
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @Test
    void camundaWebappsKeepTheirOwnContentSecurityPolicy() {
        WebClient browser = new WebClient(port);
        browser.logIn("admin", PASSWORD);

        HttpResponse<String> cockpit = browser.get("/camunda/app/cockpit/" + engine.getName() + "/");

        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.headers().allValues("Content-Security-Policy")).hasSize(1)
                .noneMatch(csp -> csp.equals(SecurityConfig.CONTENT_SECURITY_POLICY));
        assertThat(cockpit.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @Test
    void sessionCookieIsSameSiteLaxAndHttpOnlyButNotSecureOverPlainHttp() {
        WebClient browser = new WebClient(port);

        String cookie = sessionCookie(browser.postLoginForm("admin", PASSWORD, true));

        assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
    }

    @Test
    void sessionCookieIsSecureWhenAProxyServesTheAppOverHttps() {
        WebClient browser = new WebClient(port);

        String cookie = sessionCookie(browser.get("/login", "X-Forwarded-Proto", "https"));

        assertThat(cookie).contains("Secure").contains("SameSite=Lax");
    }

    @Test
    void apiCallsWithBasicAuthLeaveTheBrowserSessionAlone() {
        WebClient browser = new WebClient(port);
        browser.logIn("admin", PASSWORD);
        String session = browser.cookie("JSESSIONID");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        for (String path : List.of("/api/v1/tasks", "/task/1/analytics/jobs", "/actuator/health")) {
            HttpResponse<String> api = browser.get(path, "Authorization", basic);
            assertThat(api.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }

        assertThat(browser.cookie("JSESSIONID")).isEqualTo(session);
        assertThat(browser.get("/", "Accept", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void apiCallsWithAnApiTokenLeaveTheBrowserSessionAlone() {
        WebClient browser = new WebClient(port);
        browser.logIn("admin", PASSWORD);
        String session = browser.cookie("JSESSIONID");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String token = new WebClient(port).post("/api/v1/tokens", "application/json", "{\"name\":\"t\"}",
                "Authorization", basic).body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> api = browser.get("/api/v1/tasks", "Authorization", "Bearer " + token);

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(browser.cookie("JSESSIONID")).isEqualTo(session);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }
}
