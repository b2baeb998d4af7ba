package io.cvatqueue.notification.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import io.cvatqueue.notification.NotificationException;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.TeamWebhook;
import io.cvatqueue.notification.TeamWebhookService;
import io.cvatqueue.ui.Feedback;

/** Sets a team's incoming webhook: the URL (never shown back; blank keeps it) and the kinds posted there. */
class TeamWebhookDialog extends Dialog {

    final PasswordField url = new PasswordField("Incoming-webhook URL");
    final MultiSelectComboBox<NotificationKind> kinds = new MultiSelectComboBox<>("Kinds posted to the channel");
    final Paragraph error = new Paragraph();
    final Button save = new Button("Save");
    final Button remove = new Button("Remove webhook");

    TeamWebhookDialog(TeamWebhookService teams, TeamWebhook webhook, String admin, Runnable onChange) {
        setId("team-webhook-dialog");
        setHeaderTitle("Webhook of " + webhook.instanceName());
        setWidth("34em");
        setMaxWidth("100%");
        url.setId("team-webhook-url");
        url.setHelperText(webhook.configured() ? "Set: " + webhook.urlHint() + ". Blank keeps it."
                : "A Slack or Mattermost incoming webhook (e.g. https://hooks.slack.com/services/...) or a Teams "
                + "channel's workflow \"Post to a channel when a webhook request is received\"");
        kinds.setId("team-webhook-kinds");
        kinds.setItems(NotificationKind.values());
        kinds.setItemLabelGenerator(NotificationKind::label);
        kinds.setValue(webhook.kinds());
        error.addClassName("form-error");
        error.setId("team-webhook-error");
        error.setVisible(false);
        FormLayout form = new FormLayout(url, kinds);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form, error);

        save.setId("save-team-webhook");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> {
            try {
                teams.save(webhook.instanceId(), url.getValue(), kinds.getValue(), admin);
                close();
                Feedback.success("Webhook of " + webhook.instanceName() + " saved");
                onChange.run();
            } catch (NotificationException e) {
                error.setText("Not saved. " + e.getMessage());
                error.setVisible(true);
            }
        });
        remove.setId("remove-team-webhook");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.setVisible(webhook.configured());
        remove.addClickListener(click -> {
            teams.remove(webhook.instanceId());
            close();
            Feedback.success("Webhook of " + webhook.instanceName() + " removed");
            onChange.run();
        });
        getFooter().add(remove, new Button("Cancel", click -> close()), save);
    }
}
