package io.cvatqueue.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.security.CurrentUser;
import jakarta.annotation.security.PermitAll;

@Route("")
@PageTitle("Dashboard | CVAT Queue Manager")
@PermitAll
public class DashboardView extends Div {

    public DashboardView(CurrentUser currentUser, CvatInstanceService instances) {
        addClassName("page");
        AppUser user = currentUser.require();
        CvatInstance instance = instances.get(user.instanceId());
        add(new H2("Dashboard"),
                new Paragraph("CVAT instance: " + instance.name() + " — " + instance.baseUrl()),
                new Paragraph("Signed in as " + user.username() + " (CVAT user " + user.cvatUsername() + ")."));
    }
}
