package io.cvatqueue.notification.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.Role;
import io.cvatqueue.notification.Delivery;
import io.cvatqueue.notification.NotificationDeliveries;
import io.cvatqueue.notification.NotificationException;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.TeamWebhook;
import io.cvatqueue.notification.TeamWebhookService;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.ui.PageHeader;
import jakarta.annotation.security.RolesAllowed;

import java.util.stream.Collectors;

/** Admin > Notifications: e-mail status, each team's webhook, and the e-mails and posts that failed or wait. */
@Route("admin/notifications")
@PageTitle("Notifications | CVAT Queue Manager")
@RolesAllowed(Role.ADMIN_NAME)
public class NotificationsAdminView extends Div {

    private static final int SHOWN = 500;

    private final TeamWebhookService teams;
    private final NotificationDeliveries deliveries;
    private final String admin;
    final Grid<TeamWebhook> webhooks = new Grid<>();
    final Grid<Delivery> unsent = new Grid<>();
    final Button retryAllFailed = new Button("Retry all failed", VaadinIcon.REFRESH.create());

    public NotificationsAdminView(TeamWebhookService teams, NotificationDeliveries deliveries, CurrentUser currentUser) {
        this.teams = teams;
        this.deliveries = deliveries;
        this.admin = currentUser.requireAdmin().username();
        addClassName("page");

        Paragraph mail = new Paragraph(deliveries.mailStatus() + ".");
        mail.setId("mail-status");
        mail.addClassName("admin-intro");

        webhooks.setId("team-webhooks");
        webhooks.addColumn(TeamWebhook::instanceName).setHeader("Team (CVAT instance)").setAutoWidth(true);
        webhooks.addComponentColumn(w -> w.configured() ? badge(w.urlHint(), "badge success")
                : badge("not set", "badge contrast")).setHeader("Webhook").setKey("webhook").setAutoWidth(true);
        webhooks.addColumn(w -> w.configured() ? w.kinds().stream().map(NotificationKind::label)
                .collect(Collectors.joining(", ")) : "").setHeader("Kinds").setKey("kinds").setFlexGrow(1);
        webhooks.addComponentColumn(this::webhookActions).setHeader("Actions").setKey("actions").setAutoWidth(true)
                .setFlexGrow(0);
        webhooks.addThemeVariants(GridVariant.LUMO_COMPACT);
        webhooks.setAllRowsVisible(true);

        unsent.setId("unsent-deliveries");
        unsent.addComponentColumn(d -> badge(d.status().name().toLowerCase(), d.status() == Delivery.Status.FAILED
                ? "badge error" : "badge contrast")).setHeader("Status").setKey("status").setAutoWidth(true);
        unsent.addColumn(d -> d.channel() == Delivery.Channel.WEBHOOK ? "webhook of team " + teamName(d)
                : (d.channel() == Delivery.Channel.DIGEST ? "digest to " : "e-mail to ") + d.recipient())
                .setHeader("To").setKey("to").setAutoWidth(true);
        unsent.addColumn(Delivery::message).setHeader("Notification").setKey("message").setFlexGrow(1);
        unsent.addColumn(Delivery::attempts).setHeader("Attempts").setKey("attempts").setAutoWidth(true);
        unsent.addColumn(d -> d.status() == Delivery.Status.PENDING ? Formats.time(d.nextAttemptAt()) : "")
                .setHeader("Next attempt").setKey("next").setAutoWidth(true);
        unsent.addColumn(d -> d.lastError() == null ? "" : d.lastError()).setHeader("Last error").setKey("error")
                .setFlexGrow(1);
        unsent.addComponentColumn(this::retryButton).setHeader("").setKey("retry").setAutoWidth(true).setFlexGrow(0);
        unsent.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        unsent.setAllRowsVisible(true);
        unsent.setEmptyStateText("Every e-mail and webhook post has been sent.");

        retryAllFailed.setId("retry-all-failed");
        retryAllFailed.addClickListener(click -> {
            int due = deliveries.retryAllFailed();
            Feedback.success(due + " failed deliver" + (due == 1 ? "y is" : "ies are") + " sent again");
            refresh();
        });
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), click -> refresh());

        add(new PageHeader("Notifications", refresh), mail, new H3("Team webhooks"), new Paragraph(
                "Each CVAT instance's team can get notifications in its Slack, Mattermost or Teams channel through an "
                        + "incoming webhook (for Teams: the channel's workflow \"Post to a channel when a webhook "
                        + "request is received\", which gets each notice as a card). The URL is stored encrypted and "
                        + "never shown again."), webhooks,
                new H3("E-mails and webhook posts not sent"), new Paragraph("Failed attempts are tried again "
                        + "with growing waits; after the last one a delivery stays failed until you retry it."),
                retryAllFailed, unsent);
        refresh();
    }

    void refresh() {
        webhooks.setItems(teams.list());
        unsent.setItems(deliveries.unsent(SHOWN));
        retryAllFailed.setEnabled(deliveries.failedCount() > 0);
    }

    private HorizontalLayout webhookActions(TeamWebhook webhook) {
        Button edit = new Button("Edit", VaadinIcon.EDIT.create(),
                click -> new TeamWebhookDialog(teams, webhook, admin, this::refresh).open());
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button test = new Button("Send test message", VaadinIcon.PAPERPLANE.create(), click -> sendTest(webhook));
        test.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        test.setEnabled(webhook.configured());
        HorizontalLayout actions = new HorizontalLayout(edit, test);
        actions.setSpacing(false);
        return actions;
    }

    private void sendTest(TeamWebhook webhook) {
        try {
            Feedback.success(teams.sendTest(webhook.instanceId(), admin));
        } catch (NotificationException e) {
            Feedback.error(webhook.instanceName() + ": " + e.getMessage());
        }
    }

    private Button retryButton(Delivery delivery) {
        Button retry = new Button("Retry now", click -> {
            try {
                deliveries.retryNow(delivery.id());
                Feedback.success("Delivery " + delivery.id() + " is sent again");
            } catch (NotificationException e) {
                Feedback.error(e.getMessage());
            }
            refresh();
        });
        retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
        retry.setEnabled(delivery.status() != Delivery.Status.SENDING);
        return retry;
    }

    private String teamName(Delivery delivery) {
        return webhooks.getListDataView().getItems().filter(w -> w.instanceId() == delivery.instanceId())
                .map(TeamWebhook::instanceName).findFirst().orElse(String.valueOf(delivery.instanceId()));
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }
}
