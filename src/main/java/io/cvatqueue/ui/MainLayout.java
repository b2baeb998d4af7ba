package io.cvatqueue.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.notification.NotificationBroadcaster;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.security.AccountSessions;
import io.cvatqueue.security.CurrentUser;
import io.cvatqueue.security.LiveAccountFilter;
import jakarta.annotation.security.PermitAll;

import java.util.Comparator;

/**
 * The frame around every logged-in page: navigation by role, the CVAT instance shown (switchable by admins),
 * the unread-notification badge kept current through server push, the current user and logout.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    private final NotificationService notifications;
    private final NotificationBroadcaster broadcaster;
    private final AccountSessions accountSessions;
    private final String username;
    private final long userId;
    final Span unreadBadge = new Span();
    private Runnable unregister;
    private Runnable unregisterAccount;

    public MainLayout(CurrentUser currentUser, CurrentInstance currentInstance, CvatInstanceService instances,
                      NotificationService notifications, NotificationBroadcaster broadcaster,
                      AuthenticationContext authentication, AccountSessions accountSessions) {
        this.notifications = notifications;
        this.broadcaster = broadcaster;
        this.accountSessions = accountSessions;
        AppUser user = currentUser.require();
        this.username = user.username();
        this.userId = user.id();
        CvatInstance instance = currentInstance.get();

        Span title = new Span("CVAT Queue Manager");
        title.addClassName("app-title");

        HorizontalLayout instanceBox = new HorizontalLayout();
        instanceBox.setAlignItems(FlexComponent.Alignment.CENTER);
        instanceBox.setSpacing(false);
        instanceBox.addClassName("instance-box");
        if (user.isAdmin() && instances.list().size() > 1) {
            Select<CvatInstance> switcher = new Select<>();
            switcher.setId("instance-switcher");
            switcher.setAriaLabel("CVAT instance");
            switcher.setItems(instances.list().stream().sorted(Comparator.comparing(CvatInstance::name)).toList());
            switcher.setItemLabelGenerator(CvatInstance::name);
            switcher.setValue(instances.list().stream().filter(i -> i.id().equals(instance.id())).findFirst()
                    .orElse(null));
            switcher.addValueChangeListener(change -> {
                if (change.isFromClient() && change.getValue() != null) {
                    currentInstance.switchTo(change.getValue().id());
                    // every view reads the instance when it is built: start afresh
                    UI.getCurrent().getPage().reload();
                }
            });
            instanceBox.add(switcher);
        } else {
            Span instanceName = new Span(instance.name());
            instanceName.setId("instance-label");
            instanceName.addClassName("instance-name");
            instanceName.setTitle(instance.baseUrl());
            // the demo badge below already says it all when the instance kept its demo name
            instanceName.setVisible(!(instance.demo() && instance.name().equalsIgnoreCase("Demo CVAT")));
            instanceBox.add(instanceName);
        }
        if (instance.demo()) {
            Span demo = new Span("Demo CVAT");
            demo.setId("demo-badge");
            demo.getElement().getThemeList().add("badge contrast pill");
            demo.setTitle("A built-in simulated CVAT; nothing here touches a real CVAT server");
            instanceBox.add(demo);
        }

        Icon bell = VaadinIcon.BELL.create();
        unreadBadge.setId("unread-badge");
        unreadBadge.getElement().getThemeList().add("badge error primary pill small");
        unreadBadge.addClassName("unread-badge");
        Anchor bellLink = new Anchor("notifications");
        bellLink.setId("bell");
        bellLink.getElement().setAttribute("aria-label", "Notifications");
        bellLink.setTitle("Notifications");
        bellLink.addClassName("bell-link");
        bellLink.add(bell, unreadBadge);
        refreshUnread();

        Span who = new Span(user.username());
        who.setId("current-user");
        who.addClassName("current-user");
        who.setTitle((user.isAdmin() ? "Admin" : "Reviewer") + " · CVAT user " + user.cvatUsername());
        Button logout = new Button(VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        logout.setId("logout");
        logout.setAriaLabel("Log out");
        logout.setTooltipText("Log out");

        Div spacer = new Div();
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, instanceBox, spacer, bellLink, who,
                logout);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(spacer);
        header.setWidthFull();
        header.addClassName("app-header");
        addToNavbar(header);

        addToDrawer(navigation(user));
        setPrimarySection(Section.DRAWER);
    }

    /** Entries by path, so that screens built in parallel by others appear as soon as their routes exist. */
    private static SideNav navigation(AppUser user) {
        SideNav nav = new SideNav();
        nav.addClassName("main-nav");
        nav.addItem(new SideNavItem("Dashboard", "", VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("My reviews", "my-reviews", VaadinIcon.CHECK_SQUARE_O.create()));
        nav.addItem(new SideNavItem("Workflow steps", "steps", VaadinIcon.FORM.create()));
        if (user.isAdmin()) {
            nav.addItem(new SideNavItem("Queue", "admin/queue", VaadinIcon.LIST_OL.create()));
        }
        nav.addItem(new SideNavItem("History", "history", VaadinIcon.TIME_BACKWARD.create()));
        nav.addItem(new SideNavItem("Notifications", "notifications", VaadinIcon.BELL_O.create()));
        nav.addItem(new SideNavItem("Analytics", "analytics", VaadinIcon.CHART.create()));
        nav.addItem(new SideNavItem("My account", "account", VaadinIcon.USER.create()));
        if (user.isAdmin()) {
            SideNavItem admin = new SideNavItem("Admin");
            admin.setPrefixComponent(VaadinIcon.COG.create());
            admin.addItem(new SideNavItem("Users", "admin/users", VaadinIcon.USERS.create()));
            admin.addItem(new SideNavItem("CVAT instances", "admin/instances", VaadinIcon.SERVER.create()));
            admin.addItem(new SideNavItem("Workflow settings", "admin/settings", VaadinIcon.SLIDERS.create()));
            admin.addItem(new SideNavItem("Workflow", "admin/workflow", VaadinIcon.SITEMAP.create()));
            admin.addItem(new SideNavItem("Notifications", "admin/notifications", VaadinIcon.BELL.create()));
            admin.addItem(new SideNavItem("Backups", "admin/backups", VaadinIcon.ARCHIVE.create()));
            SideNavItem cockpit = new SideNavItem("Camunda Cockpit", "/camunda/app/cockpit/default/",
                    VaadinIcon.EXTERNAL_LINK.create());
            // Cockpit is a separate web app, not a Vaadin route
            cockpit.setRouterIgnore(true);
            cockpit.setOpenInNewBrowserTab(true);
            admin.addItem(cockpit);
            admin.setExpanded(true);
            nav.addItem(admin);
        }
        return nav;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        BrowserZone.learn(ui);
        unregister = broadcaster.register(username, message -> ui.access(() -> {
            refreshUnread();
            if (message != null) {
                Feedback.info(message);
            }
        }));
        // an admin changed this account: deactivated -> to the login page, which says why; role changed ->
        // reload, so that the menu and the open view follow the new role
        unregisterAccount = accountSessions.onChange(userId, change -> ui.access(() -> {
            switch (change) {
                case DEACTIVATED -> ui.getPage().setLocation(LiveAccountFilter.DEACTIVATED_URL.substring(1));
                case ROLE_CHANGED -> ui.getPage().executeJs("window.location.reload()");
                case ACTIVATED -> {
                }
            }
        }));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (unregister != null) {
            unregister.run();
            unregister = null;
        }
        if (unregisterAccount != null) {
            unregisterAccount.run();
            unregisterAccount = null;
        }
        super.onDetach(detachEvent);
    }

    /** Reads the unread count afresh; also called by views that mark notifications read. */
    void refreshUnread() {
        long unread = notifications.unreadCount(username);
        unreadBadge.setText(unread > 99 ? "99+" : Long.toString(unread));
        unreadBadge.setVisible(unread > 0);
        unreadBadge.getElement().setAttribute("aria-label", unread + " unread notifications");
    }
}
