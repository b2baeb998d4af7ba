package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;

/** Confirms an approval, with an optional note kept in the audit trail. The counterpart of {@link RejectDialog}. */
public class ApproveDialog extends Dialog {

    /** What the reviewer confirmed. */
    public interface Approval {
        /** @return true when done, so the dialog closes; false keeps it open (e.g. after a refusal) */
        boolean approve(String note);
    }

    final TextArea note = new TextArea("Note (optional)");
    final Button confirm = new Button("Approve");

    public ApproveDialog(long cvatJobId, Approval approval) {
        setId("approve-dialog");
        setHeaderTitle("Approve job " + cvatJobId);
        setWidth("min(480px, 95vw)");
        note.setId("approve-note");
        note.setMaxLength(4000);
        note.setWidthFull();
        confirm.setId("approve-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        // one click, one approval: the button stays disabled while the decision is on its way
        confirm.setDisableOnClick(true);
        confirm.addClickListener(click -> {
            if (approval.approve(note.getValue())) {
                close();
            } else {
                confirm.setEnabled(true);
            }
        });
        add(note);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
