package io.cvatqueue.admin;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.cvat.demo.DemoCvat;
import io.cvatqueue.security.AppUserPrincipal;
import io.cvatqueue.security.TokenCipher;
import io.cvatqueue.settings.WorkflowSettings;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Base of the admin page tests: the whole app with the demo CVAT on a random port (the demo CVAT is called
 * over real HTTP), and a browserless Vaadin UI (Karibu-Testing) on the app's Spring beans. All subclasses share
 * one Spring context and so one database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "app.demo.simulate=false")
@ActiveProfiles({"test", "demo"})
abstract class AdminUiTest {

    /** The workflow settings as shipped (app.sync.interval is PT5M). */
    static final WorkflowSettings DEFAULTS = WorkflowSettings.defaults(Duration.ofMinutes(5));

    private static final Routes ROUTES = new Routes().autoDiscoverViews("io.cvatqueue");

    @Autowired
    ApplicationContext context;
    @Autowired
    AppUserRepository users;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;
    @Autowired
    DemoCvat cvat;


    @AfterEach
    void closeUi() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    CvatInstance demoInstance() {
        return instances.findFirstByDemoTrue().orElseThrow();
    }

    /** An account on the demo instance, proved by the demo CVAT user of that name. */
    AppUser account(String username, Role role, String cvatUsername) {
        return users.findByUsername(username).orElseGet(() -> {
            DemoCvat.User cvatUser = cvat.user(cvatUsername);
            return users.save(new AppUser(null, username, "{noop}unused", role, true, demoInstance().id(),
                    cvatUser.id(), cvatUser.username(), cipher.encrypt(cvatUser.authorization()), Instant.now(),
                    null));
        });
    }

    /**
     * Logs the account in and opens a browserless UI for it. The login counts for Spring Security (service
     * checks, and the layout of the start page the UI opens with) and for Vaadin's view access checker, which
     * asks the servlet request for the principal and its roles.
     */
    void login(AppUser user) {
        AppUserPrincipal principal = AppUserPrincipal.of(user);
        UsernamePasswordAuthenticationToken authentication =
                new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((p, role) -> role.equals(user.role().name()));
    }

    /** Texts of the notifications currently shown. */
    static List<String> notificationTexts() {
        return NotificationsKt.getNotifications().stream().map(n -> n.getElement().getProperty("text", ""))
                .toList();
    }

    static void as(AppUser user) {
        AppUserPrincipal principal = AppUserPrincipal.of(user);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities()));
    }
}
