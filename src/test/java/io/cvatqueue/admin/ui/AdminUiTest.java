package io.cvatqueue.admin.ui;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.settings.WorkflowSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
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

    @Autowired
    ApplicationContext context;
    @Autowired
    AppUserRepository users;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;

    DemoWorld world;

    @BeforeEach
    void demoWorld() {
        world = new DemoWorld(context);
    }

    @AfterEach
    void closeUi() {
        world.closeUi();
    }

    CvatInstance demoInstance() {
        return world.instance();
    }

    /** An account on the demo instance, proved by the demo CVAT user of that name. */
    AppUser account(String username, Role role, String cvatUsername) {
        return world.account(username, role, cvatUsername);
    }

    /**
     * Logs the account in and opens a browserless UI for it. The login counts for Spring Security (service
     * checks, and the layout of the start page the UI opens with) and for Vaadin's view access checker, which
     * asks the servlet request for the principal and its roles.
     */
    void login(AppUser user) {
        world.openUiAs(user);
    }

    /** Texts of the notifications currently shown. */
    static List<String> notificationTexts() {
        return NotificationsKt.getNotifications().stream().map(n -> n.getElement().getProperty("text", ""))
                .toList();
    }

    /** Makes services see this user as the caller. */
    void as(AppUser user) {
        world.actAs(user);
    }
}
