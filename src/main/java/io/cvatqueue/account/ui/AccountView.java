package io.cvatqueue.account.ui;

import io.cvatqueue.ui.AwayPeriodsPanel;
import io.cvatqueue.ui.PageHeader;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.account.AccountException;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.review.away.AwayService;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.notification.NotificationPreferences;
import io.cvatqueue.notification.ui.NotificationPreferencesPanel;
import io.cvatqueue.security.ApiToken;
import io.cvatqueue.security.ApiTokenService;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.ui.Feedback;
import jakarta.annotation.security.PermitAll;

import java.time.Instant;

/** The logged-in user's own account: password, CVAT token, away periods, notification channels and REST API tokens. */
@Route("account")
@PageTitle("My account | CVAT Queue Manager")
@PermitAll
public class AccountView extends VerticalLayout {


    private final AccountService accounts;
    private final ApiTokenService apiTokens;
    private final CurrentUser currentUser;

    final PasswordField currentPassword = new PasswordField("Current password");
    final PasswordField newPassword = new PasswordField("New password");
    final PasswordField repeatPassword = new PasswordField("Repeat new password");
    final PasswordField cvatToken = new PasswordField("New CVAT token");
    final TextField tokenName = new TextField("Name of the new API token");
    final Grid<ApiToken> tokens = new Grid<>();
    final AwayPeriodsPanel away;

    public AccountView(AccountService accounts, ApiTokenService apiTokens, CurrentUser currentUser,
                       AwayService awayService, NotificationPreferences notificationPreferences) {
        this.accounts = accounts;
        this.apiTokens = apiTokens;
        this.currentUser = currentUser;
        addClassName("page");
        AppUser user = currentUser.require();
        add(new PageHeader("My account"), new Paragraph(user.username() + " · " + (user.isAdmin() ? "admin" : "reviewer")
                + " · CVAT user " + user.cvatUsername()));
        away = new AwayPeriodsPanel(awayService, user.username(), () -> { });
        add(passwordSection(), cvatTokenSection(), section("Away", "While you are away no new reviews go to you, "
                + "and rework of jobs you rejected that comes back meanwhile goes to the queue for someone else. "
                + "Admins are told which of your open reviews would go overdue.", away),
                new NotificationPreferencesPanel(notificationPreferences, user.username()), apiTokenSection());
        refreshTokens();
    }

    private VerticalLayout passwordSection() {
        currentPassword.setId("current-password");
        newPassword.setId("new-password");
        newPassword.setHelperText("At least 8 characters, not a common password; a few unrelated words work well");
        repeatPassword.setId("repeat-password");
        Button change = new Button("Change password", click -> {
            if (!newPassword.getValue().equals(repeatPassword.getValue())) {
                Feedback.error("The two new passwords differ");
                return;
            }
            try {
                accounts.changeOwnPassword(currentUser.require(), currentPassword.getValue(), newPassword.getValue());
                currentPassword.clear();
                newPassword.clear();
                repeatPassword.clear();
                Feedback.success("Password changed");
            } catch (AccountException e) {
                Feedback.error(e.getMessage());
            }
        });
        change.setId("change-password");
        FormLayout form = new FormLayout(currentPassword, newPassword, repeatPassword);
        form.setMaxWidth("40em");
        return section("Password", null, form, change);
    }

    private VerticalLayout cvatTokenSection() {
        cvatToken.setId("new-cvat-token");
        cvatToken.setHelperText("'Token <key>' or 'Bearer <personal access token>'");
        cvatToken.setWidth("28em");
        cvatToken.setMaxWidth("100%");
        Button replace = new Button("Check and save", click -> {
            try {
                AppUser saved = accounts.replaceOwnCvatToken(currentUser.require(), cvatToken.getValue());
                cvatToken.clear();
                Feedback.success("CVAT accepted the token of " + saved.cvatUsername() + "; it is saved encrypted");
            } catch (AccountException e) {
                Feedback.error(e.getMessage());
            }
        });
        replace.setId("replace-cvat-token");
        replace.setDisableOnClick(true);
        replace.addClickListener(click -> replace.setEnabled(true));
        return section("CVAT token", "When your CVAT token expires or is revoked, enter the new one. CVAT checks it "
                + "first; it must belong to the same CVAT user.", cvatToken, replace);
    }

    private VerticalLayout apiTokenSection() {
        tokenName.setId("api-token-name");
        tokenName.setPlaceholder("e.g. nightly export script");
        tokenName.setMaxLength(100);
        Button create = new Button("Create token", click -> createToken());
        create.setId("create-api-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout creation = new HorizontalLayout(tokenName, create);
        creation.setAlignItems(Alignment.BASELINE);
        creation.setWrap(true);

        tokens.setId("api-tokens");
        tokens.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(1);
        tokens.addColumn(t -> format(t.createdAt())).setHeader("Created").setAutoWidth(true);
        tokens.addColumn(t -> t.lastUsedAt() == null ? "never" : format(t.lastUsedAt())).setHeader("Last used")
                .setAutoWidth(true);
        tokens.addComponentColumn(t -> {
            Button revoke = new Button("Revoke", click -> confirmRevoke(t));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return revoke;
        }).setHeader("").setAutoWidth(true).setFlexGrow(0);
        tokens.setAllRowsVisible(true);
        tokens.setEmptyStateText("No API tokens yet.");
        return section("REST API tokens", "Scripts call /api/v1 with 'Authorization: Bearer <token>' and act as you, "
                + "with your current role. The API is described at /swagger-ui.html.", creation, tokens);
    }

    private void createToken() {
        ApiTokenService.CreatedToken created = apiTokens.create(tokenName.getValue());
        tokenName.clear();
        refreshTokens();
        Dialog dialog = new Dialog();
        dialog.setId("api-token-created");
        dialog.setHeaderTitle("Token '" + created.name() + "' created");
        TextField value = new TextField("Copy it now: it is not shown again");
        value.setId("api-token-value");
        value.setValue(created.token());
        value.setReadOnly(true);
        value.setWidthFull();
        dialog.add(value);
        dialog.getFooter().add(new Button("Done", click -> dialog.close()));
        dialog.setWidth("36em");
        dialog.setMaxWidth("95vw");
        dialog.open();
    }

    private void confirmRevoke(ApiToken token) {
        ConfirmDialog confirm = new ConfirmDialog("Revoke '" + token.name() + "'?",
                "Scripts using this token get 401 from now on.", "Revoke", click -> {
            apiTokens.revoke(token.id());
            refreshTokens();
            Feedback.success("Token '" + token.name() + "' revoked");
        });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private void refreshTokens() {
        tokens.setItems(apiTokens.listOwn().stream().filter(t -> !t.revoked()).toList());
    }

    private static VerticalLayout section(String title, String explanation, com.vaadin.flow.component.Component... parts) {
        VerticalLayout section = new VerticalLayout(new H3(title));
        if (explanation != null) {
            Paragraph text = new Paragraph(explanation);
            text.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
            section.add(text);
        }
        section.add(parts);
        section.setPadding(false);
        return section;
    }

    private static String format(Instant instant) {
        return Formats.time(instant);
    }
}
