package io.cvatqueue.admin.ui;

import io.cvatqueue.ui.PageHeader;
import io.cvatqueue.ui.Feedback;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.ops.CvatReachability;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import io.cvatqueue.cvat.CvatModel;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Admin > CVAT instances: the CVAT servers the app works with, their service tokens and webhook secrets. */
@Route("admin/instances")
@PageTitle("CVAT instances | CVAT Queue Manager")
@RolesAllowed(Role.ADMIN_NAME)
public class InstancesView extends Div {

    private final CvatInstanceService instances;
    private final CvatReachability reachability;
    final Grid<CvatInstance> grid = new Grid<>(CvatInstance.class, false);
    private Map<Long, Health> health = Map.of();

    public InstancesView(CvatInstanceService instances, CvatReachability reachability) {
        this.instances = instances;
        this.reachability = reachability;
        addClassName("page");

        UnorderedList notes = new UnorderedList(
                new ListItem("A new instance appears when someone registers with its address; from then on, "
                        + "people join it by registering with the same URL and their own CVAT token."),
                new ListItem("The service token is what the sync and the workflow act with: they list all jobs of "
                        + "the tracked tasks and change a job's stage, state and assignee. That needs maintainer-"
                        + "level rights in CVAT: the task or project owner, an organisation maintainer or owner, "
                        + "or a CVAT admin. The first registration's token is used until you set another."),
                new ListItem("Organisation slug: the CVAT organisation whose tasks are offered for tracking (empty: "
                        + "the service user's personal workspace). Each tracked task is then always called in its own "
                        + "organisation, so tasks of several organisations can be tracked side by side."),
                new ListItem("Each instance is a team with its own queue: its Slack, Mattermost or Teams channel can "
                        + "get notifications through an incoming webhook, set under Admin > Notifications."));
        notes.addClassName("admin-intro");

        grid.addColumn(CvatInstance::name).setHeader("Name").setKey("name").setAutoWidth(true).setFrozen(true);
        grid.addColumn(CvatInstance::baseUrl).setHeader("Base URL").setKey("baseUrl").setAutoWidth(true);
        grid.addColumn(i -> i.organizationSlug() == null ? "—" : i.organizationSlug()).setHeader("Organisation")
                .setKey("organization").setAutoWidth(true);
        grid.addComponentColumn(this::reachable).setHeader("CVAT").setKey("reachable").setAutoWidth(true);
        grid.addComponentColumn(i -> badge(i.demo() ? "demo" : "real", i.demo() ? "badge contrast" : "badge"))
                .setHeader("Kind").setKey("demo").setAutoWidth(true);
        grid.addComponentColumn(i -> i.serviceTokenEnc() == null ? badge("not set", "badge error")
                        : badge("set", "badge success"))
                .setHeader("Service token").setKey("serviceToken").setAutoWidth(true);
        grid.addComponentColumn(i -> i.webhookSecretEnc() == null ? badge("not set", "badge contrast")
                        : badge("set", "badge success"))
                .setHeader("Webhook secret").setKey("webhookSecret").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true)
                .setFlexGrow(0).setFrozenToEnd(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setId("instances-grid");

        add(new PageHeader("CVAT instances"), notes, registrationPolicy(), grid);
        refresh();
    }

    /** Whether registering with a new address adds an instance: the operator's list wins over the admin setting. */
    private com.vaadin.flow.component.Component registrationPolicy() {
        if (!instances.allowedBaseUrls().isEmpty()) {
            Paragraph fixed = new Paragraph("Registration is limited to these CVAT addresses (ALLOWED_CVAT_URLS): "
                    + String.join(", ", instances.allowedBaseUrls()));
            fixed.setId("allowed-cvat-urls");
            return fixed;
        }
        Checkbox newInstances = new Checkbox("Registration may add new CVAT instances",
                instances.registrationMayAddInstances());
        newInstances.setId("registration-new-instances");
        newInstances.setHelperText("Off: people can only register with the address of an instance listed here. "
                + "On: registering with another CVAT address adds it as a new instance (the app then contacts "
                + "any address someone enters).");
        newInstances.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                instances.setRegistrationMayAddInstances(change.getValue());
                Feedback.success(change.getValue() ? "Registration may now add new CVAT instances"
                        : "Registration is limited to the instances listed here");
            }
        });
        return newInstances;
    }

    private void refresh() {
        List<CvatInstance> all = instances.list();
        // checked in parallel and cached (as for /actuator/health): at most a few seconds even with CVAT down
        reachability.refresh(all);
        health = all.stream().collect(Collectors.toMap(CvatInstance::id, reachability::health));
        grid.setItems(all);
    }

    /** What the last health check said of the instance: reachable, or why not. */
    private Span reachable(CvatInstance instance) {
        Health checked = health.get(instance.id());
        if (checked == null) {
            return badge("unknown", "badge contrast");
        }
        if (Status.UP.equals(checked.getStatus())) {
            return badge("reachable", "badge success");
        }
        Span down = badge("unreachable", "badge error");
        Object error = checked.getDetails().get("error");
        down.setTitle(error == null ? "No answer" : error.toString());
        return down;
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }

    private HorizontalLayout actions(CvatInstance instance) {
        HorizontalLayout actions = new HorizontalLayout(
                UsersView.action(VaadinIcon.EDIT, "Edit", () -> new EditDialog(instance).open()),
                UsersView.action(VaadinIcon.PLUG, "Test connection", () -> testConnection(instance)));
        actions.setSpacing(false);
        return actions;
    }

    private void testConnection(CvatInstance instance) {
        try {
            CvatModel.User user = instances.checkServiceToken(instance.id());
            Feedback.success(instance.name() + ": the service token works and acts as CVAT user "
                    + user.basic().displayName() + rights(user) + ".");
        } catch (CvatException e) {
            Feedback.error(instance.name() + ": " + e.getMessage());
        }
    }

    /** What CVAT says about the user's global rights; organisation roles are not part of /api/users/self. */
    static String rights(CvatModel.User user) {
        if (Boolean.TRUE.equals(user.isSuperuser())) {
            return " (CVAT admin)";
        }
        if (user.groups() != null && !user.groups().isEmpty()) {
            return " (groups: " + String.join(", ", user.groups()) + ")";
        }
        return "";
    }

    /** Edits one instance; nothing is saved unless CVAT accepts a new token. */
    final class EditDialog extends Dialog {

        final TextField name = new TextField("Name");
        final TextField organization = new TextField("Organisation slug");
        final PasswordField serviceToken = new PasswordField("New service token");
        final TextField webhookSecret = new TextField("Webhook secret");
        final Paragraph error = new Paragraph();
        final Button save = new Button("Save");

        EditDialog(CvatInstance instance) {
            setHeaderTitle("Edit " + instance.name());
            setWidth("34em");
            setMaxWidth("100%");
            setId("instance-dialog");
            name.setValue(instance.name());
            name.setRequired(true);
            name.setId("instance-name");
            organization.setValue(instance.organizationSlug() == null ? "" : instance.organizationSlug());
            organization.setHelperText("Empty: the user's personal workspace");
            organization.setId("instance-organization");
            serviceToken.setHelperText("Blank keeps the current token. 'Token <key>' or 'Bearer <personal access "
                    + "token>' of a maintainer-level CVAT user; checked against CVAT before saving.");
            serviceToken.setId("instance-service-token");
            webhookSecret.setValue(instances.webhookSecret(instance).orElse(""));
            webhookSecret.setHelperText("Enter the same secret in the webhook's settings in CVAT. Empty: none.");
            webhookSecret.setId("instance-webhook-secret");
            Button generate = new Button("Generate", VaadinIcon.REFRESH.create(),
                    click -> webhookSecret.setValue(CvatInstanceService.generateWebhookSecret()));
            generate.setId("generate-secret");
            webhookSecret.setSuffixComponent(generate);
            generate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            error.addClassName("form-error");
            error.setId("instance-error");
            error.setVisible(false);

            Paragraph address = new Paragraph("Base URL: " + instance.baseUrl());
            address.addClassName("admin-intro");
            FormLayout form = new FormLayout(name, organization, serviceToken, webhookSecret);
            form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
            add(address, form, error);

            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.setId("save-instance");
            save.addClickListener(click -> save(instance));
            getFooter().add(new Button("Cancel", click -> close()), save);
        }

        private void save(CvatInstance instance) {
            try {
                CvatInstance saved = instances.update(instance.id(), name.getValue(), organization.getValue(),
                        serviceToken.getValue(), webhookSecret.getValue());
                close();
                Feedback.success(saved.name() + " saved");
                refresh();
            } catch (CvatException | IllegalArgumentException e) {
                error.setText("Not saved. " + e.getMessage());
                error.setVisible(true);
            }
        }
    }
}
