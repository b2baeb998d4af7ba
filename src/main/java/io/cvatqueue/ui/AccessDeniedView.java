package io.cvatqueue.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a logged-in user sees on a page their role does not allow, inside the app's frame with a way back, instead
 * of Vaadin's bare "Could not navigate to ..." page. (Anonymous visitors are sent to the login page instead.)
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not allowed | CVAT Queue Manager")
@PermitAll
public class AccessDeniedView extends Div implements HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        addClassName("page");
        setId("access-denied");
        RouterLink home = new RouterLink("Go to the dashboard", DashboardView.class);
        home.setId("access-denied-home");
        add(new H2("You need the admin role for this"),
                new Paragraph("The page '" + event.getLocation().getPath() + "' is for admins. If you need it, "
                        + "ask an admin to make you one."),
                new Paragraph(home));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
