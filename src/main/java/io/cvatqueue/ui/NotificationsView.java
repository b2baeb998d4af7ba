package io.cvatqueue.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.notification.Notification;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.security.CurrentUser;
import jakarta.annotation.security.PermitAll;

import java.util.List;

/** My latest notifications, unread ones first in weight; reading them clears the badge in the navbar. */
@Route("notifications")
@PageTitle("Notifications | CVAT Queue Manager")
@PermitAll
public class NotificationsView extends VerticalLayout {

    static final int SHOWN = 200;

    private final NotificationService notifications;
    private final String username;
    private final boolean admin;

    final Grid<Notification> grid = new Grid<>();
    final Button markAllRead = new Button("Mark all read", VaadinIcon.CHECK_CIRCLE_O.create());

    public NotificationsView(CurrentUser currentUser, NotificationService notifications) {
        this.notifications = notifications;
        this.username = currentUser.require().username();
        this.admin = currentUser.require().isAdmin();
        addClassName("page");
        setPadding(false);
        setHeightFull();

        markAllRead.setId("mark-all-read");
        markAllRead.addClickListener(click -> {
            notifications.markAllRead(username);
            Feedback.success("All notifications marked read");
            refresh();
        });

        grid.setId("notifications");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        grid.setPartNameGenerator(n -> n.unread() ? "unread" : null);
        grid.addColumn(new ComponentRenderer<>(this::message)).setHeader("Notification").setFlexGrow(1);
        grid.addColumn(n -> Formats.time(n.createdAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0)
                .setKey("when");
        grid.addColumn(new ComponentRenderer<>(this::readButton)).setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setKey("read");
        grid.setEmptyStateText("No notifications.");
        NarrowScreens.hideOnNarrow(grid, "when");
        grid.setMinHeight("320px");

        add(new PageHeader("Notifications", markAllRead), grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private Component message(Notification n) {
        Div cell = new Div();
        cell.addClassName("notification-message");
        cell.add(new Anchor(NotificationRoutes.route(n.kind(), admin), new Span(n.message())));
        if (n.unread()) {
            Span dot = new Span("new");
            dot.getElement().getThemeList().add("badge primary small pill");
            cell.addComponentAsFirst(dot);
        }
        return cell;
    }

    private Component readButton(Notification n) {
        if (!n.unread()) {
            return new Span();
        }
        Button read = new Button("Mark read", click -> {
            notifications.markRead(username, n.id());
            refresh();
        });
        read.addClassName("mark-read");
        read.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return read;
    }

    void refresh() {
        List<Notification> latest = notifications.latest(username, SHOWN);
        grid.setItems(latest);
        markAllRead.setEnabled(latest.stream().anyMatch(Notification::unread));
    }
}
