package io.cvatqueue.admin.ui;

import io.cvatqueue.ui.PageHeader;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.ui.Feedback;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.AccountException;
import io.cvatqueue.review.assignment.AssignmentService;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.ui.CurrentInstance;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.security.LoginLocks;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import jakarta.annotation.security.RolesAllowed;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Admin > Users: every account of the app, with role, activation and password reset. */
@Route("admin/users")
@PageTitle("Users | CVAT Queue Manager")
@RolesAllowed(Role.ADMIN_NAME)
public class UsersView extends Div {


    private final AccountService accounts;
    private final LoginLocks loginLocks;
    private final CvatInstanceService instances;
    private final AssignmentService assignment;
    private final WorkloadPanel workload;
    final Grid<AppUser> grid = new Grid<>(AppUser.class, false);
    private Map<Long, Instant> locked = Map.of();

    public UsersView(AccountService accounts, LoginLocks loginLocks, CvatInstanceService instances,
                     AssignmentService assignment, AwayService away, CurrentInstance currentInstance) {
        this.loginLocks = loginLocks;
        this.accounts = accounts;
        this.instances = instances;
        this.assignment = assignment;
        this.workload = new WorkloadPanel(assignment, away, currentInstance.id());
        addClassName("page");

        Paragraph intro = new Paragraph("People join by registering with their own CVAT token; the first account "
                + "became admin. Deactivated accounts cannot log in and are not given reviews; their open reviews "
                + "go to other reviewers. "
                + "The app always keeps at least one active admin.");
        intro.addClassName("admin-intro");

        grid.addColumn(AppUser::username).setHeader("Username").setKey("username").setAutoWidth(true)
                .setFrozen(true);
        grid.addComponentColumn(this::roleBadge).setHeader("Role").setKey("role").setAutoWidth(true);
        grid.addColumn(AppUser::cvatUsername).setHeader("CVAT user").setKey("cvatUser").setAutoWidth(true);
        Map<Long, String> instanceNames = instanceNames();
        grid.addColumn(user -> instanceNames.getOrDefault(user.instanceId(), "#" + user.instanceId()))
                .setHeader("Instance").setKey("instance").setAutoWidth(true);
        grid.addComponentColumn(this::activeBadge).setHeader("Active").setKey("active").setAutoWidth(true);
        grid.addColumn(user -> Formats.time(user.createdAt()))
                .setHeader("Created").setKey("created").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true)
                .setFlexGrow(0).setFrozenToEnd(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setId("users-grid");

        add(new PageHeader("Users"), intro, grid, workload);
        refresh();
    }

    private void refresh() {
        locked = loginLocks.lockedAccounts();
        grid.setItems(accounts.listAll());
    }

    private Map<Long, String> instanceNames() {
        return instances.list().stream().collect(Collectors.toMap(CvatInstance::id, CvatInstance::name));
    }

    private Span roleBadge(AppUser user) {
        Span badge = new Span(user.isAdmin() ? "admin" : "reviewer");
        badge.getElement().getThemeList().add(user.isAdmin() ? "badge" : "badge contrast");
        return badge;
    }

    private Span activeBadge(AppUser user) {
        Instant lockedUntil = locked.get(user.id());
        if (lockedUntil != null) {
            Span badge = new Span("locked until " + Formats.clock(lockedUntil));
            badge.getElement().getThemeList().add("badge error");
            badge.setTitle("Too many failed logins. Unlock to let " + user.username() + " try again now.");
            badge.setId("locked-" + user.username());
            return badge;
        }
        Span badge = new Span(user.active() ? "active" : "deactivated");
        badge.getElement().getThemeList().add(user.active() ? "badge success" : "badge error");
        return badge;
    }

    private HorizontalLayout actions(AppUser user) {
        Button role = action(user.isAdmin() ? VaadinIcon.USER : VaadinIcon.USER_STAR,
                user.isAdmin() ? "Make reviewer" : "Make admin",
                () -> confirmRoleChange(user, user.isAdmin() ? Role.REVIEWER : Role.ADMIN));
        Button active = action(user.active() ? VaadinIcon.BAN : VaadinIcon.CHECK_CIRCLE,
                user.active() ? "Deactivate" : "Activate", () -> confirmActivation(user, !user.active()));
        if (user.active()) {
            active.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        Button password = action(VaadinIcon.KEY, "Reset password", () -> openPasswordDialog(user));
        HorizontalLayout actions = new HorizontalLayout(role, active, password);
        if (locked.containsKey(user.id())) {
            Button unlock = action(VaadinIcon.UNLOCK, "Unlock", () -> run(() -> {
                loginLocks.unlock(user.id());
                return user;
            }, user.username() + " can log in again now"));
            unlock.setId("unlock-" + user.username());
            actions.addComponentAsFirst(unlock);
        }
        actions.setSpacing(false);
        return actions;
    }

    /** Icon buttons keep the actions column narrow enough to stay in view on phones; the label is the tooltip. */
    static Button action(VaadinIcon icon, String label, Runnable onClick) {
        Button button = new Button(icon.create(), click -> onClick.run());
        button.setAriaLabel(label);
        button.setTooltipText(label);
        button.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return button;
    }

    private void confirmRoleChange(AppUser user, Role role) {
        String text = role == Role.ADMIN
                ? user.username() + " will be able to manage users, CVAT instances and the workflow, "
                + "and to assign reviews."
                : user.username() + " will only see and decide the reviews assigned to them.";
        confirm("Make " + user.username() + " " + (role == Role.ADMIN ? "an admin" : "a reviewer") + "?", text,
                "Change role", () -> accounts.changeRole(user.id(), role),
                user.username() + " is now " + (role == Role.ADMIN ? "an admin" : "a reviewer"));
    }

    private void confirmActivation(AppUser user, boolean active) {
        if (active) {
            run(() -> accounts.setActive(user.id(), true), user.username() + " can log in again");
            return;
        }
        long open = assignment.openReviewsOf(user.username());
        confirm("Deactivate " + user.username() + "?", user.username() + " will no longer be able to log in or be "
                + "given new reviews. " + (open == 0 ? "" : "Their " + open + " open review(s) go to other reviewers "
                + "by the assignment policy, the most urgent first; any that nobody can take stay with "
                + user.username() + " in the workload list below, to move later. ")
                + "You can activate the account again later.", "Deactivate", () -> deactivate(user));
    }

    private void deactivate(AppUser user) {
        try {
            AssignmentService.Outcome moved = assignment.deactivate(user.id());
            String done = user.username() + " is deactivated"
                    + (moved.nothingToDo() ? "" : "; their open reviews: " + moved.summary());
            if (moved.incomplete()) {
                Feedback.error(done);
            } else {
                Feedback.success(done);
            }
        } catch (AccountException e) {
            Feedback.error(e.getMessage());
        }
        refresh();
        workload.refresh(); // who is active and what they hold changed
    }

    private void confirm(String header, String text, String confirmText, Supplier<?> action, String done) {
        confirm(header, text, confirmText, () -> run(action, done));
    }

    private void confirm(String header, String text, String confirmText, Runnable confirmed) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, confirmText, event -> confirmed.run());
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void run(Supplier<?> action, String done) {
        try {
            action.get();
            Feedback.success(done);
        } catch (AccountException e) {
            Feedback.error(e.getMessage());
        }
        refresh();
        workload.refresh(); // who is active and what they hold changed
    }

    private void openPasswordDialog(AppUser user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New password for " + user.username());
        PasswordField password = new PasswordField("New password");
        password.setHelperText("At least 8 characters, not a common password. Tell it to " + user.username()
                + " in person or another safe way.");
        password.setId("new-password");
        PasswordField repeat = new PasswordField("Repeat password");
        repeat.setId("repeat-password");
        Paragraph error = new Paragraph();
        error.addClassName("form-error");
        error.setVisible(false);
        error.setId("password-error");
        FormLayout form = new FormLayout(password, repeat, error);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setMaxWidth("24em");
        dialog.add(form);

        Button save = new Button("Set password", click -> {
            if (!password.getValue().equals(repeat.getValue())) {
                error.setText("The two passwords differ");
                error.setVisible(true);
                return;
            }
            try {
                accounts.resetPassword(user.id(), password.getValue());
                dialog.close();
                Feedback.success("New password set for " + user.username());
            } catch (AccountException e) {
                error.setText(e.getMessage());
                error.setVisible(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("set-password");
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }
}
