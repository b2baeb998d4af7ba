package io.cvatqueue.ui;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import io.cvatqueue.CvatFake;
import io.cvatqueue.RunningAppTest;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.Registration;
import io.cvatqueue.account.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.cvatqueue.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every view marked {@code @RolesAllowed("ADMIN")} opens for admins and not for reviewers. Vaadin decides this on
 * navigation, after the HTTP request (which answers 200 for any route), so it is checked in a browserless UI
 * (Karibu-Testing) with the user's Spring Security authentication on the request, as Spring's filters put it there.
 */
@RunningAppTest
class AdminViewAccessTest {

    private static final CvatFake cvat = new CvatFake()
            .acceptsToken("Token admin-key", 1, "owner")
            .acceptsToken("Token rita-key", 2, "rita");
    private static Routes routes;

    @Autowired
    ApplicationContext context;
    @Autowired
    AccountService accounts;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    SecurityContextHolderStrategy securityContext;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void discoverViews() {
        routes = new Routes().autoDiscoverViews("io.cvatqueue");
    }

    @BeforeEach
    void adminAndReviewer() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
        accounts.register(new Registration("admin", PASSWORD, cvat.baseUrl(), "admin-key"));
        accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), "rita-key"));
    }

    @AfterEach
    void logOut() {
        MockVaadin.tearDown();
        securityContext.clearContext();
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void reviewerIsRefusedFromAdminOnlyViews() {
        List<Class<? extends Component>> adminViews = adminOnlyViews();
        assumeThat(adminViews).as("views annotated @RolesAllowed(ADMIN)").isNotEmpty();
        logIn("rita");

        for (Class<? extends Component> view : adminViews) {
            UI.getCurrent().navigate(view.getAnnotation(Route.class).value());

            _assertNone(view);
            // the app's own page, inside the app's frame, with a way back
            _get(MainLayout.class);
            assertThat(_get(AccessDeniedView.class).getElement().getTextRecursively()).as(view.getSimpleName())
                    .contains("You need the admin role for this");
            assertThat(_get(RouterLink.class, spec -> spec.withId("access-denied-home")).getHref()).isEmpty();
        }
    }

    @Test
    void adminOpensAdminOnlyViews() {
        List<Class<? extends Component>> adminViews = adminOnlyViews();
        assumeThat(adminViews).as("views annotated @RolesAllowed(ADMIN)").isNotEmpty();
        logIn("admin");

        for (Class<? extends Component> view : adminViews) {
            UI.getCurrent().navigate(view.getAnnotation(Route.class).value());
            assertThat(_find(view)).as(view.getSimpleName()).hasSize(1);
        }
    }

    private void logIn(String username) {
        UserDetails user = userDetails.loadUserByUsername(username);
        Authentication authentication =
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        // views read the user through SecurityContextHolder: this app's strategy and the static one
        securityContext.getContext().setAuthentication(authentication);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
        // what Spring Security's request wrapper answers in a real request; Vaadin's access control asks it
        ServletRequest request = VaadinServletRequest.getCurrent();
        while (request instanceof ServletRequestWrapper wrapper) {
            request = wrapper.getRequest();
        }
        FakeRequest fake = (FakeRequest) request;
        fake.setUserPrincipalInt(authentication);
        fake.setUserInRole((principal, role) -> authentication.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role)));
    }


    @SuppressWarnings("unchecked")
    private static List<Class<? extends Component>> adminOnlyViews() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        return scanner.findCandidateComponents("io.cvatqueue").stream()
                .<Class<? extends Component>>map(candidate ->
                        (Class<? extends Component>) ClassUtils.resolveClassName(candidate.getBeanClassName(), null))
                .filter(view -> view.isAnnotationPresent(RolesAllowed.class)
                        && Arrays.asList(view.getAnnotation(RolesAllowed.class).value()).contains(Role.ADMIN_NAME))
                .filter(view -> !view.getAnnotation(Route.class).value().contains(":"))
                .toList();
    }
}
