package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.queue.QueueService;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/** Chooses the reviewer for one queued job, or another reviewer for an assigned one. */
class AssignDialog extends Dialog {

    final ReviewerChoice reviewer;
    final Button confirm;

    AssignDialog(QueueEntry entry, boolean queued, AccountService accounts, QueueService queue,
                 Map<String, Instant> awayUntil, long instanceId, Consumer<String> assign) {
        setId("assign-dialog");
        setHeaderTitle((queued ? "Assign" : "Reassign") + " job " + entry.cvatJobId());
        setWidth("min(420px, 95vw)");
        reviewer = new ReviewerChoice("Reviewer", accounts, queue, awayUntil, instanceId);
        reviewer.setId("assign-reviewer");
        reviewer.setWidthFull();
        reviewer.setRequired(true);
        if (!queued) {
            String away = reviewer.getHelperText();
            reviewer.setHelperText("Now with " + entry.reviewer() + (away == null ? "" : ". " + away));
        }
        confirm = new Button(queued ? "Assign" : "Reassign", click -> {
            if (reviewer.getValue() == null) {
                reviewer.setInvalid(true);
                reviewer.setErrorMessage("Choose a reviewer");
                return;
            }
            close();
            assign.accept(reviewer.getValue().username());
        });
        confirm.setId("assign-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(reviewer);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
