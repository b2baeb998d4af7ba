package io.cvatqueue.security;

import io.cvatqueue.account.Role;
import io.cvatqueue.api.ApiProblemResponses;
import io.cvatqueue.api.ApiTokenAuthenticationFilter;
import io.cvatqueue.api.ApiTokenService;
import io.cvatqueue.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
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
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Map;

/**
 * Filter chains: Camunda's webapps (admins only, signed in through the app's own login), the machine
 * endpoints (the built-in demo CVAT and actuator), the REST API under /api/v1 (Basic or API token), the task
 * analytics endpoints, Camunda's engine REST API at /engine-rest (admins, Basic or API token), and the Vaadin UI.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(securedEnabled = true, jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfig {

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
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
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
                .httpBasic(basic -> {
                })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
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
                .httpBasic(basic -> {
                })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The REST API for scripts: stateless, HTTP Basic or an API token, JSON errors instead of the login page.
     * CVAT's webhooks carry no login; their HMAC signature is checked by the receiver. The OpenAPI description
     * and Swagger UI are public. Ordered before the Vaadin chain, which would otherwise claim these paths.
     */
    @Bean
    @Order(3)
    SecurityFilterChain restApi(HttpSecurity http, ApiTokenService apiTokens,
                                org.springframework.security.core.context.SecurityContextHolderStrategy contexts)
            throws Exception {
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
                .addFilterBefore(new ApiTokenAuthenticationFilter(apiTokens, problems, contexts), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * Camunda's engine REST API, where Camunda Modeler deploys: admins only, with HTTP Basic or an API token on
     * every request, no session and so no CSRF token (a cross-site request cannot ride on a login without
     * cookies). Unauthenticated calls get 401, reviewers 403, as JSON problems like the app's own API.
     */
    @Bean
    @Order(5)
    SecurityFilterChain engineRestApi(HttpSecurity http, ApiTokenService apiTokens,
                                      org.springframework.security.core.context.SecurityContextHolderStrategy contexts)
            throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        ApiProblemResponses problems = new ApiProblemResponses();
        http.securityMatcher(new OrRequestMatcher(path.matcher("/engine-rest/**"), path.matcher("/engine-rest")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Role.ADMIN_NAME))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(new ApiTokenAuthenticationFilter(apiTokens, problems, contexts), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain vaadinUi(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(path.matcher("/images/**"), path.matcher("/icons/**"), path.matcher("/error"))
                .permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login"));
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
