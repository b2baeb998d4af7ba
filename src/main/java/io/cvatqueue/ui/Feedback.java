package io.cvatqueue.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.cvatqueue.account.AccountException;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.ReviewException;
import org.springframework.security.access.AccessDeniedException;

/** The toasts every action answers with: green when done, red with a reason a person can act on. */
public final class Feedback {

    private Feedback() {
    }

    public static Notification success(String text) {
        Notification notification = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        return notification;
    }

    /** News from elsewhere (e.g. a pushed notification): neutral, out of the way. */
    public static Notification info(String text) {
        Notification notification = Notification.show(text, 5000, Notification.Position.TOP_END);
        notification.addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        return notification;
    }

    public static Notification error(String text) {
        Notification notification = Notification.show(text, 8000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        return notification;
    }

    /** The domain exceptions carry messages written for users; anything else is a bug, told without internals. */
    public static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !isForUsers(cause)) {
            cause = cause.getCause();
        }
        if (isForUsers(cause) && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return "Something went wrong. The details are in the server log.";
    }

    static boolean isForUsers(Throwable e) {
        return e instanceof ReviewException || e instanceof CvatException || e instanceof AccountException
                || e instanceof AccessDeniedException || e instanceof IllegalArgumentException
                || e instanceof java.util.NoSuchElementException
                || e instanceof io.cvatqueue.workflow.WorkflowException
                || e instanceof io.cvatqueue.workflow.WorkflowValidationException;
    }
}
