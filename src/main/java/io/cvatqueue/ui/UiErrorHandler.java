package io.cvatqueue.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Last line of defence: an exception no view handled becomes a red notification in words, never a stack trace
 * in the browser. Unexpected ones are logged with their trace for the admin.
 */
@Component
class UiErrorHandler implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this::handle));
    }

    private void handle(ErrorEvent event) {
        Throwable error = event.getThrowable();
        Throwable cause = error;
        while (cause.getCause() != null && !Feedback.isForUsers(cause)) {
            cause = cause.getCause();
        }
        if (Feedback.isForUsers(cause)) {
            log.info("Action refused: {}", cause.getMessage());
        } else {
            log.error("Unexpected error in the UI", error);
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.access(() -> Feedback.error(Feedback.describe(error)));
        }
    }
}
