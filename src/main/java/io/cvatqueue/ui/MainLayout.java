package io.cvatqueue.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.security.CurrentUser;
import jakarta.annotation.security.PermitAll;

/** The frame around every logged-in page: navigation by role, the current user and logout. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(CurrentUser currentUser, CvatInstanceService instances, AuthenticationContext authentication) {
        AppUser user = currentUser.require();
        CvatInstance instance = instances.get(user.instanceId());

        Span title = new Span("CVAT Queue Manager");
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        Span instanceLabel = new Span(instance.name() + (instance.demo() ? " (demo CVAT)" : ""));
        instanceLabel.getElement().getThemeList().add(instance.demo() ? "badge contrast" : "badge");
        instanceLabel.setId("instance-label");

        Span who = new Span(user.username() + " · " + (user.isAdmin() ? "admin" : "reviewer"));
        who.setId("current-user");
        who.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");

        HorizontalLayout right = new HorizontalLayout(who, logout);
        right.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, instanceLabel, right);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(instanceLabel);
        header.setWidthFull();
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()));
        if (user.isAdmin()) {
            SideNavItem admin = new SideNavItem("Admin");
            admin.setPrefixComponent(VaadinIcon.COG.create());
            admin.addItem(new SideNavItem("Camunda Cockpit", "/camunda/app/cockpit/default/", VaadinIcon.EXTERNAL_LINK.create()));
            admin.setExpanded(true);
            nav.addItem(admin);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
