package io.cvatqueue.notification.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.cvatqueue.notification.EmailMode;
import io.cvatqueue.notification.KindPreference;
import io.cvatqueue.notification.NotificationException;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationPreferences;
import io.cvatqueue.notification.NotificationSettings;
import io.cvatqueue.ui.Feedback;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** My account > Notifications: the user's e-mail address and, per kind, in-app on/off and e-mail off/at once/digest. */
public class NotificationPreferencesPanel extends VerticalLayout {

    private final NotificationPreferences preferences;
    private final String username;
    final TextField email = new TextField("E-mail address");
    final Map<NotificationKind, Checkbox> inApp = new EnumMap<>(NotificationKind.class);
    final Map<NotificationKind, Select<EmailMode>> emailMode = new EnumMap<>(NotificationKind.class);
    final Button save = new Button("Save notification settings");

    public NotificationPreferencesPanel(NotificationPreferences preferences, String username) {
        this.preferences = preferences;
        this.username = username;
        setPadding(false);
        NotificationSettings settings = preferences.of(username);
        boolean mailOn = preferences.emailAvailable();

        Paragraph explanation = new Paragraph(mailOn
                ? "Choose per kind whether it shows here in the app and whether it is e-mailed to you, at once or "
                + "in one daily digest."
                : "E-mail is off on this server (no SMTP server is configured), so notifications are shown in the "
                + "app only. Your e-mail choices are kept for when an admin sets it up.");
        explanation.setId("notification-mail-status");
        explanation.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");

        email.setId("notification-email");
        email.setValue(settings.email() == null ? "" : settings.email());
        email.setPlaceholder("name@example.com");
        email.setHelperText("Empty: no e-mails");
        email.setWidth("24em");
        email.setMaxWidth("100%");
        add(new H3("Notifications"), explanation, email);

        for (NotificationKind kind : NotificationKind.values()) {
            KindPreference preference = settings.of(kind);
            Span label = new Span(kind.label());
            label.setWidth("18em");
            Checkbox app = new Checkbox("In app", preference.inApp());
            app.setId("notify-inapp-" + kind.name());
            Select<EmailMode> mode = new Select<>();
            mode.setId("notify-email-" + kind.name());
            mode.setAriaLabel(kind.label() + " by e-mail");
            mode.setItems(EmailMode.values());
            mode.setItemLabelGenerator(EmailMode::label);
            mode.setValue(preference.email());
            inApp.put(kind, app);
            emailMode.put(kind, mode);
            HorizontalLayout row = new HorizontalLayout(label, app, mode);
            row.setAlignItems(FlexComponent.Alignment.BASELINE);
            row.setWrap(true);
            add(row);
        }

        save.setId("save-notification-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        add(save);
    }

    private void save() {
        List<KindPreference> chosen = Arrays.stream(NotificationKind.values())
                .map(kind -> new KindPreference(kind, inApp.get(kind).getValue(), emailMode.get(kind).getValue()))
                .toList();
        try {
            NotificationSettings saved = preferences.save(username, email.getValue(), chosen);
            email.setInvalid(false);
            email.setValue(saved.email() == null ? "" : saved.email());
            Feedback.success("Notification settings saved");
        } catch (NotificationException e) {
            email.setErrorMessage(e.getMessage());
            email.setInvalid(true);
            Feedback.error(e.getMessage());
        }
    }
}
