package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;

import java.util.List;

/**
 * Asks why a job is rejected: a reason from the admins' list or typed freely (required), and an optional note
 * that reaches the annotator as a CVAT issue.
 */
public class RejectDialog extends Dialog {

    /** What the reviewer decided to send back. */
    public interface Rejection {
        /** @return true when done, so the dialog closes; false keeps it open (e.g. after a refusal) */
        boolean reject(String reason, String note);
    }

    final ComboBox<String> reason = new ComboBox<>("Reason");
    final TextArea note = new TextArea("Note for the annotator");
    final Button confirm = new Button("Reject");

    public RejectDialog(long cvatJobId, List<String> reasons, Rejection rejection) {
        setId("reject-dialog");
        setHeaderTitle("Reject job " + cvatJobId);
        setWidth("min(520px, 95vw)");

        reason.setId("reject-reason");
        reason.setItems(reasons);
        reason.setAllowCustomValue(true);
        // a typed reason counts as chosen
        reason.addCustomValueSetListener(e -> reason.setValue(e.getDetail()));
        reason.setRequired(true);
        reason.setHelperText("Pick one or type your own");
        reason.setWidthFull();
        note.setId("reject-note");
        note.setMaxLength(4000);
        note.setHelperText("Optional. Shown to the annotator in CVAT.");
        note.setWidthFull();
        note.setMinHeight("6em");

        FormLayout form = new FormLayout(reason, note);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        confirm.setId("reject-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.addClickListener(click -> {
            String chosen = reason.getValue();
            if (chosen == null || chosen.isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Choose or type a reason");
                return;
            }
            if (rejection.reject(chosen.strip(), note.getValue())) {
                close();
            }
        });
        Button cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, confirm);
    }
}
