package io.cvatqueue.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.VaadinSession;
import io.cvatqueue.security.LoginThrottledException;
import org.springframework.security.web.WebAttributes;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.cvatqueue.cvat.CvatInstanceService;

@Route(value = "login", autoLayout = false)
@PageTitle("Log in | CVAT Queue Manager")
@AnonymousAllowed
public class LoginView extends Div implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();
    private final Paragraph notice = new Paragraph();

    public LoginView(CvatInstanceService instances) {
        addClassName("auth-page");
        Div card = new Div();
        card.addClassName("auth-card");

        H1 title = new H1("CVAT Queue Manager");
        title.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("margin-top", "0");
        Paragraph intro = new Paragraph("Review queue and workflow for CVAT annotation jobs.");
        intro.getStyle().set("color", "var(--lumo-secondary-text-color)");

        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(i18n("Wrong username or password",
                "Check them and try again. Deactivated accounts cannot log in."));

        notice.setVisible(false);
        notice.getStyle().set("color", "var(--lumo-success-text-color)");

        Anchor register = new Anchor("register", "Create an account");
        register.setId("register-link");
        Paragraph registerLine = new Paragraph(new com.vaadin.flow.component.Text("New here? "), register);

        card.add(title, intro, notice, login, registerLine);
        instances.list().stream().filter(i -> i.demo()).findFirst().ifPresent(demo -> {
            Div banner = new Div();
            banner.addClassName("demo-banner");
            banner.setText("Demo mode: a built-in demo CVAT runs at " + demo.baseUrl()
                    + ". Register with one of its tokens (shown on the registration page).");
            card.add(banner);
        });
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        if (params.containsKey("error")) {
            // Spring Security's failure handler leaves the reason in the session
            if (VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                    instanceof LoginThrottledException throttled) {
                login.setI18n(i18n("Too many failed logins",
                        throttled.getMessage().replace("Too many failed logins. ", "")));
            }
            login.setError(true);
        }
        if (params.containsKey("registered")) {
            notice.setText("Account created. Log in with your new username and password.");
            notice.setVisible(true);
        }
        if (params.containsKey("deactivated")) {
            notice.setText("Your account was deactivated by an admin, so you were logged out. "
                    + "Ask an admin if you need access again.");
            notice.getStyle().set("color", "var(--lumo-error-text-color)");
            notice.setId("deactivated-notice");
            notice.setVisible(true);
        }
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Log in");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }
}
