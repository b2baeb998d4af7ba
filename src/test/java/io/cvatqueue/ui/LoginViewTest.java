package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import io.cvatqueue.security.LoginThrottledException;
import org.springframework.security.web.WebAttributes;
import java.time.Instant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.login.LoginForm;
import io.cvatqueue.RunningAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The login page as an anonymous visitor sees it, in a browserless Vaadin UI (Karibu-Testing). */
@RunningAppTest
class LoginViewTest {

    private static Routes routes;

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void discoverViews() {
        routes = new Routes().autoDiscoverViews("io.cvatqueue");
    }

    @BeforeEach
    void openUi() {
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
    }

    @AfterEach
    void closeUi() {
        MockVaadin.tearDown();
    }

    @Test
    void anonymousVisitorSeesLoginFormWithoutTheAppFrame() {
        UI.getCurrent().navigate(LoginView.class);

        LoginForm form = _get(LoginForm.class);
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(_get(Anchor.class, spec -> spec.withId("register-link")).getHref()).isEqualTo("register");
        // the frame with navigation and logout belongs to logged-in pages only
        _assertNone(MainLayout.class);
    }

    @Test
    void registrationPageIsOpenToAnonymousVisitors() {
        UI.getCurrent().navigate(RegisterView.class);

        _get(RegisterView.class);
        _assertNone(MainLayout.class);
    }

    @Test
    void loginPageSaysWhyADeactivatedUserWasLoggedOut() {
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("deactivated", ""));

        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("deactivated-notice"))
                .getText()).contains("deactivated by an admin");
    }

    @Test
    void afterTooManyFailedLoginsTheFormSaysWhenToTryAgain() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new LoginThrottledException(Instant.parse("2030-01-01T10:02:00Z"), Instant.parse("2030-01-01T10:00:00Z")));

        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", ""));

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        // the web component receives its texts as the JSON property "i18n"
        assertThat(String.valueOf(form.getElement().getPropertyRaw("i18n")))
                .contains("Too many failed logins").contains("Try again in 2 minutes.");
    }
}
