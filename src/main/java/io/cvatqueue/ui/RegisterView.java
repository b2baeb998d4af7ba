package io.cvatqueue.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.cvatqueue.account.AccountException;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.Registration;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.demo.DemoCvatInfo;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Self-registration. CVAT vouches for the person: the token is checked against the given CVAT before anything
 * is saved.
 */
@Route(value = "register", autoLayout = false)
@PageTitle("Create account | CVAT Queue Manager")
@AnonymousAllowed
public class RegisterView extends Div {

    final TextField username = new TextField("Username");
    final PasswordField password = new PasswordField("Password");
    final PasswordField confirm = new PasswordField("Repeat password");
    final TextField cvatHost = new TextField("CVAT address");
    final PasswordField cvatToken = new PasswordField("CVAT token");
    final Button register = new Button("Create account");
    final Paragraph error = new Paragraph();

    public RegisterView(AccountService accounts, CvatInstanceService instances,
                        ObjectProvider<DemoCvatInfo> demoInfo) {
        addClassName("auth-page");
        Div card = new Div();
        card.addClassName("auth-card");

        username.setRequired(true);
        username.setAutofocus(true);
        username.setId("username");
        password.setRequired(true);
        password.setHelperText("At least 8 characters, not a common password; a few unrelated words work well");
        password.setId("password");
        confirm.setRequired(true);
        confirm.setId("confirm");
        cvatHost.setRequired(true);
        cvatHost.setPlaceholder("https://cvat.example.com");
        cvatHost.setId("cvat-host");
        cvatToken.setRequired(true);
        cvatToken.setHelperText("'Token <key>' or 'Bearer <personal access token>'; a bare key is taken as Token");
        cvatToken.setId("cvat-token");
        error.setId("register-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);

        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        register.setDisableOnClick(true);
        register.addClickShortcut(Key.ENTER);
        register.setId("register");
        register.addClickListener(click -> {
            try {
                if (!password.getValue().equals(confirm.getValue())) {
                    throw new AccountException("The two passwords differ");
                }
                accounts.register(new Registration(username.getValue(), password.getValue(), cvatHost.getValue(),
                        cvatToken.getValue()), VaadinRequest.getCurrent().getRemoteAddr());
                getUI().ifPresent(ui -> ui.navigate("login", com.vaadin.flow.router.QueryParameters.of("registered", "1")));
            } catch (AccountException e) {
                error.setText(e.getMessage());
                error.setVisible(true);
            } finally {
                register.setEnabled(true);
            }
        });

        FormLayout form = new FormLayout(username, password, confirm, cvatHost, cvatToken);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));

        card.add(new H2("Create an account"),
                new Paragraph("Your CVAT token proves who you are in CVAT. It is stored encrypted."),
                form, error, register,
                new Paragraph(new com.vaadin.flow.component.Text("Have an account? "), new Anchor("login", "Log in")));
        demoInfo.ifAvailable(demo -> instances.list().stream().filter(i -> i.demo()).findFirst().ifPresent(instance -> {
            Div banner = new Div();
            banner.addClassName("demo-banner");
            banner.setId("demo-hint");
            banner.setText("Demo CVAT: address " + instance.baseUrl() + " — tokens: " + demo.tokenHint());
            card.addComponentAtIndex(2, banner);
            if (cvatHost.isEmpty()) {
                cvatHost.setValue(instance.baseUrl());
            }
        }));
        add(card);
    }
}
