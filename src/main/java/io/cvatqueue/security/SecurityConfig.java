package io.cvatqueue.security;

import io.cvatqueue.account.AppUserRepository;
import io.cvatqueue.account.Role;
import io.cvatqueue.security.ApiProblemResponses;
import io.cvatqueue.security.ApiTokenAuthenticationFilter;
import io.cvatqueue.security.ApiTokenService;
import io.cvatqueue.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;
import java.util.Map;

/**
 * Filter chains: Camunda's webapps (admins only, signed in through the app's own login), the machine
 * endpoints (the built-in demo CVAT and actuator), the REST API under /api/v1 (Basic or API token), the task
 * analytics endpoints, Camunda's engine REST API at /engine-rest (admins, Basic or API token), and the Vaadin UI.
 * The session-based chains (Camunda, Vaadin) re-read the account on every request ({@link LiveAccountFilter}); the
 * others are stateless and leave any session alone. Passwords are checked behind the {@link LoginThrottle}
 * ({@link ThrottledPasswordAuthentication}).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(securedEnabled = true, jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfig {

    /**
     * What the Vaadin UI may load. Vaadin Flow's client evaluates server-sent JavaScript and Lumo, ApexCharts and
     * bpmn-js set inline styles, hence 'unsafe-eval' and 'unsafe-inline'; everything still has to come from this
     * app (no third-party scripts, no exfiltration through connect-src, no plugins, no framing by other sites,
     * no forms posting elsewhere).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; "
            + "font-src 'self' data:; "
            + "connect-src 'self'; "
            + "worker-src 'self' blob:; "
            + "frame-src 'self'; "
            + "frame-ancestors 'self'; "
            + "object-src 'none'; "
            + "base-uri 'self'; "
            + "form-action 'self'";

    private final LiveAccountFilter liveAccounts;

    SecurityConfig(AppUserRepository users, AccountSessions accountSessions, SecurityContextHolderStrategy contexts) {
        this.liveAccounts = new LiveAccountFilter(users, accountSessions, contexts);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(path.matcher("/camunda/**"), path.matcher("/camunda")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Role.ADMIN_NAME))
                // Camunda's webapps bring their own CSRF protection
                .csrf(csrf -> csrf.disable())
                // Camunda's own HeaderSecurityFilter sets the webapps' Content-Security-Policy
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(liveAccounts, SecurityContextHolderFilter.class)
                // 403 goes to /error, which shows the app's own page (static/error/403.html), not Whitelabel
                .exceptionHandling(ex -> ex.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(path.matcher("/demo-cvat/**"), path.matcher("/actuator/**")))
                .authorizeHttpRequests(auth -> auth
                        // the demo CVAT checks CVAT tokens itself, like a real CVAT
                        .requestMatchers(path.matcher("/demo-cvat/**")).permitAll()
                        .requestMatchers(path.matcher("/actuator/health"), path.matcher("/actuator/health/**")).permitAll()
                        .anyRequest().hasRole(Role.ADMIN_NAME))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(new ThrottleAwareBasicEntryPoint()))
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(SecurityConfig::stateless);
        return http.build();
    }

    /**
     * The original app's task analytics endpoints (io.cvatqueue.analytics.AnalyticsController): for scripts, so HTTP
     * Basic on every request and no session. Without cookies a cross-site request cannot ride on a login, hence no
     * CSRF token; unauthenticated calls get 401 instead of the UI's redirect to /login.
     */
    @Bean
    @Order(4)
    SecurityFilterChain taskAnalyticsApi(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/task/*/analytics/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(new ThrottleAwareBasicEntryPoint()))
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(SecurityConfig::stateless);
        return http.build();
    }

    /**
     * The REST API for scripts: stateless, HTTP Basic or an API token, JSON errors instead of the login page.
     * CVAT's webhooks carry no login; their HMAC signature is checked by the receiver. The OpenAPI description
     * and Swagger UI are public. Ordered before the Vaadin chain, which would otherwise claim these paths.
     */
    @Bean
    @Order(3)
    SecurityFilterChain restApi(HttpSecurity http, ApiTokenService apiTokens, SecurityContextHolderStrategy contexts,
                                LoginThrottle throttle, Clock clock) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher apiDocs = new OrRequestMatcher(path.matcher("/v3/api-docs"), path.matcher("/v3/api-docs/**"),
                path.matcher("/swagger-ui.html"), path.matcher("/swagger-ui/**"));
        ApiProblemResponses problems = new ApiProblemResponses();
        http.securityMatcher(new OrRequestMatcher(path.matcher("/api/v1/**"), apiDocs))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/cvat/webhook/*")).permitAll()
                        .requestMatchers(apiDocs).permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(new ApiTokenAuthenticationFilter(apiTokens, problems, contexts, throttle, clock), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(SecurityConfig::stateless);
        return http.build();
    }

    /**
     * Camunda's engine REST API, where Camunda Modeler deploys: admins only, with HTTP Basic or an API token on
     * every request, no session and so no CSRF token (a cross-site request cannot ride on a login without
     * cookies). Unauthenticated calls get 401, reviewers 403, as JSON problems like the app's own API.
     */
    @Bean
    @Order(5)
    SecurityFilterChain engineRestApi(HttpSecurity http, ApiTokenService apiTokens, SecurityContextHolderStrategy contexts,
                                      LoginThrottle throttle, Clock clock) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        ApiProblemResponses problems = new ApiProblemResponses();
        http.securityMatcher(new OrRequestMatcher(path.matcher("/engine-rest/**"), path.matcher("/engine-rest")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Role.ADMIN_NAME))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(new ApiTokenAuthenticationFilter(apiTokens, problems, contexts, throttle, clock),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(SecurityConfig::stateless);
        return http.build();
    }

    /**
     * No session for machine clients, and none touched: a call that also carries a browser's session cookie must
     * not rotate that session's id (session fixation protection would, logging the browser out).
     */
    private static void stateless(SessionManagementConfigurer<HttpSecurity> session) {
        session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy());
    }

    @Bean
    @Order(10)
    SecurityFilterChain vaadinUi(HttpSecurity http, RequestUtil vaadinRequests) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(path.matcher("/images/**"), path.matcher("/icons/**"), path.matcher("/error"),
                        path.matcher("/error/**"))
                .permitAll());
        // Vaadin would exempt the login form from CSRF protection, which allows login CSRF (an attacker's page
        // logs the victim into the attacker's account). vaadin-login-form posts the token from the page's
        // _csrf meta tags, so the exemption is not needed: only Vaadin's own requests, which carry Vaadin's
        // CSRF token instead, are exempt.
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login")
                .enableCsrfConfiguration(false));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        http.addFilterAfter(liveAccounts, SecurityContextHolderFilter.class);
        return http.build();
    }

    /**
     * Signs admins into Camunda's webapps with the app's session: Camunda asks
     * {@link SpringSecurityCamundaAuthenticationProvider} who is logged in instead of showing its own login.
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaSingleSignOn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of(
                "authentication-provider",
                SpringSecurityCamundaAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/camunda/*");
        // after Spring Security's filter chain, which has put the authentication in place
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
