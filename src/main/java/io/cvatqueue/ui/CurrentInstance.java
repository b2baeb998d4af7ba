package io.cvatqueue.ui;

import com.vaadin.flow.server.VaadinSession;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The CVAT instance the UI shows. Reviewers always see their own instance; admins may switch to another one
 * for the rest of their session (the switcher in {@link MainLayout}).
 */
@Component
public class CurrentInstance {

    private static final String SESSION_KEY = CurrentInstance.class.getName();

    private final CurrentUser currentUser;
    private final CvatInstanceService instances;

    public CurrentInstance(CurrentUser currentUser, CvatInstanceService instances) {
        this.currentUser = currentUser;
        this.instances = instances;
    }

    public long id() {
        AppUser user = currentUser.require();
        if (user.isAdmin()) {
            VaadinSession session = VaadinSession.getCurrent();
            Object chosen = session == null ? null : session.getAttribute(SESSION_KEY);
            if (chosen instanceof Long id && instances.list().stream().anyMatch(i -> i.id().equals(id))) {
                return id;
            }
        }
        return user.instanceId();
    }

    public CvatInstance get() {
        return instances.get(id());
    }

    /** Admins only: show another instance from now on in this session. */
    public void switchTo(long instanceId) {
        currentUser.requireAdmin();
        instances.get(instanceId);
        VaadinSession.getCurrent().setAttribute(SESSION_KEY, instanceId);
    }
}
