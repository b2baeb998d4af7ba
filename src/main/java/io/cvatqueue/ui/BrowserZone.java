package io.cvatqueue.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.server.VaadinSession;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The time zone of the user's browser, so every time on screen reads as the user's wall clock, whatever zone the
 * server runs in. Learned once per session from the browser; until it is known (or outside a browser session)
 * the server's zone is used.
 */
public final class BrowserZone {

    private static final String ATTRIBUTE = BrowserZone.class.getName();

    private BrowserZone() {
    }

    /** The zone to show times in for the current user. */
    public static ZoneId current() {
        VaadinSession session = VaadinSession.getCurrent();
        Object zone = session == null ? null : session.getAttribute(ATTRIBUTE);
        return zone instanceof ZoneId id ? id : ZoneId.systemDefault();
    }

    /**
     * Asks the browser for its zone if the session does not know it yet. The first page may have been drawn in
     * the server's zone: it is drawn again once the answer arrives, if the zones differ.
     */
    static void learn(UI ui) {
        VaadinSession session = ui.getSession();
        if (session == null || session.getAttribute(ATTRIBUTE) != null) {
            return;
        }
        ExtendedClientDetails known = ui.getInternals().getExtendedClientDetails();
        if (known != null) {
            remember(session, parse(known.getTimeZoneId()));
            return;
        }
        ui.getPage().retrieveExtendedClientDetails(details -> {
            if (session.getAttribute(ATTRIBUTE) != null) {
                return; // another tab of the session asked first
            }
            ZoneId before = current();
            ZoneId browser = parse(details.getTimeZoneId());
            remember(session, browser);
            if (!browser.equals(before)) {
                ui.refreshCurrentRoute(false);
            }
        });
    }

    static void remember(VaadinSession session, ZoneId zone) {
        session.setAttribute(ATTRIBUTE, zone);
    }

    static ZoneId parse(String zoneId) {
        try {
            return zoneId == null || zoneId.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zoneId);
        } catch (DateTimeException unknownToJava) {
            return ZoneId.systemDefault();
        }
    }
}
