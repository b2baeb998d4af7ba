package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.cvatqueue.account.AccountException;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.review.ReviewException;
import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * The outcome of a bulk action that partly failed: a headline and what went wrong per item (the first eight),
     * kept on screen until read or closed.
     */
    public static Notification problems(String id, String headline, List<String> problems) {
        Notification notification = new Notification();
        notification.addThemeVariants(NotificationVariant.LUMO_WARNING);
        notification.setPosition(Notification.Position.BOTTOM_START);
        notification.setDuration(12000);
        UnorderedList list = new UnorderedList();
        List<String> shown = new ArrayList<>(problems.subList(0, Math.min(problems.size(), 8)));
        if (problems.size() > shown.size()) {
            shown.add("… and " + (problems.size() - shown.size()) + " more");
        }
        shown.forEach(p -> list.add(new ListItem(p)));
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> notification.close());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        close.setAriaLabel("Close");
        VerticalLayout body = new VerticalLayout(new Span(headline), list);
        body.setPadding(false);
        body.setSpacing(false);
        HorizontalLayout content = new HorizontalLayout(body, close);
        content.setAlignItems(FlexComponent.Alignment.START);
        notification.add(content);
        notification.setId(id);
        notification.open();
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
                || e instanceof io.cvatqueue.workflow.WorkflowValidationException
                || e instanceof io.cvatqueue.backup.BackupException;
    }
}
