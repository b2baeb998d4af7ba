package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.cvatqueue.CvatFake;
import io.cvatqueue.RunningAppTest;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AppUserRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static io.cvatqueue.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The registration page in a browserless Vaadin UI (Karibu-Testing) backed by the app's real Spring beans. */
@RunningAppTest
class RegisterViewTest {

    private static final CvatFake cvat = new CvatFake().acceptsToken("Token good-key", 3, "rita.cvat");
    private static Routes routes;

    @Autowired
    ApplicationContext context;
    @Autowired
    AppUserRepository users;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void discoverViews() {
        routes = new Routes().autoDiscoverViews("io.cvatqueue");
    }

    @BeforeEach
    void openRegistration() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
        UI.getCurrent().navigate(RegisterView.class);
    }

    @AfterEach
    void closeUi() {
        MockVaadin.tearDown();
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void tokenNotVerifiedShowsTheReasonAndSavesNothing() {
        fillIn("rita", PASSWORD, PASSWORD, cvat.baseUrl(), "Token wrong-key");

        _click(_get(Button.class, spec -> spec.withId("register")));

        Paragraph error = _get(Paragraph.class, spec -> spec.withId("register-error"));
        assertThat(error.isVisible()).isTrue();
        // the app serves no instance yet, so it cannot tell a wrong token from a server that is not CVAT
        assertThat(error.getText()).startsWith("Could not verify this token with a CVAT at " + cvat.baseUrl());
        assertThat(users.count()).isZero();
        // the form stays filled and usable for a second try
        assertThat(_get(TextField.class, spec -> spec.withId("username")).getValue()).isEqualTo("rita");
        assertThat(_get(Button.class, spec -> spec.withId("register")).isEnabled()).isTrue();
    }

    @Test
    void differingPasswordsAreRefusedWithoutAskingCvat() {
        fillIn("rita", PASSWORD, PASSWORD + "!", cvat.baseUrl(), "Token good-key");

        _click(_get(Button.class, spec -> spec.withId("register")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("register-error")).getText())
                .isEqualTo("The two passwords differ");
        assertThat(users.count()).isZero();
    }

    @Test
    void validTokenCreatesTheAccountAndLeadsToLogin() {
        fillIn("rita", PASSWORD, PASSWORD, cvat.baseUrl(), "good-key");

        _click(_get(Button.class, spec -> spec.withId("register")));

        assertThat(users.findByUsername("rita")).isPresent();
        _get(LoginView.class);
        _assertNone(MainLayout.class);
        assertThat(UI.getCurrent().getActiveViewLocation().getPath()).isEqualTo("login");
        assertThat(UI.getCurrent().getActiveViewLocation().getQueryParameters().getParameters())
                .containsKey("registered");
    }

    private static void fillIn(String username, String password, String confirm, String cvatHost, String token) {
        _setValue(_get(TextField.class, spec -> spec.withId("username")), username);
        _setValue(_get(PasswordField.class, spec -> spec.withId("password")), password);
        _setValue(_get(PasswordField.class, spec -> spec.withId("confirm")), confirm);
        _setValue(_get(TextField.class, spec -> spec.withId("cvat-host")), cvatHost);
        _setValue(_get(PasswordField.class, spec -> spec.withId("cvat-token")), token);
    }
}
