package io.cvatqueue.admin.ui;

import io.cvatqueue.ui.PageHeader;
import io.cvatqueue.ui.Feedback;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cvatqueue.account.Role;
import io.cvatqueue.settings.RejectionReason;
import io.cvatqueue.settings.RejectionReasonService;
import com.vaadin.flow.component.combobox.ComboBox;
import io.cvatqueue.settings.AssignmentPolicy;
import java.util.List;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import jakarta.annotation.security.RolesAllowed;

import java.time.Duration;

/**
 * Admin > Workflow settings: the knobs of the review workflow ({@link WorkflowSettings}, whose constructor
 * decides what is valid) and the list of rejection reasons.
 */
@Route("admin/settings")
@PageTitle("Workflow settings | CVAT Queue Manager")
@RolesAllowed(Role.ADMIN_NAME)
public class SettingsView extends Div {

    private final WorkflowSettingsService settings;
    private final RejectionReasonService reasons;

    final IntegerField syncMinutes = new IntegerField("Sync interval (minutes)");
    final Checkbox autoAssign = new Checkbox("Assign new reviews automatically");
    final IntegerField maxOpen = new IntegerField("Open reviews per reviewer (auto-assignment cap)");
    final IntegerField sampling = new IntegerField("Share of completed jobs reviewed (%)");
    final IntegerField slaHours = new IntegerField("Review SLA, priority Normal (hours)");
    final IntegerField slaLowHours = new IntegerField("Review SLA, priority Low (hours)");
    final IntegerField slaHighHours = new IntegerField("Review SLA, priority High (hours)");
    final IntegerField slaUrgentHours = new IntegerField("Review SLA, priority Urgent (hours)");
    final ComboBox<AssignmentPolicy> policy = new ComboBox<>("Auto-assignment policy");
    final Paragraph error = new Paragraph();
    final Button save = new Button("Save settings");

    final Grid<RejectionReason> reasonGrid = new Grid<>(RejectionReason.class, false);
    final TextField newReason = new TextField();
    final Button addReason = new Button("Add reason");

    public SettingsView(WorkflowSettingsService settings, RejectionReasonService reasons) {
        this.settings = settings;
        this.reasons = reasons;
        addClassName("page");

        syncMinutes.setId("sync-minutes");
        syncMinutes.setMin(1);
        syncMinutes.setMax(24 * 60);
        syncMinutes.setStepButtonsVisible(true);
        syncMinutes.setHelperText("How often the timer of processes/cvat-sync.bpmn fetches completed jobs of all "
                + "tracked tasks from CVAT. A change is picked up when the timer is next due, without a restart.");
        autoAssign.setId("auto-assign");
        autoAssign.setHelperText("On: each new review goes to one of the instance's active reviewers who are "
                + "below the cap and not away, chosen by the policy. Off: new reviews wait in the queue until an "
                + "admin assigns them.");
        policy.setId("assignment-policy");
        policy.setItems(AssignmentPolicy.values());
        policy.setItemLabelGenerator(AssignmentPolicy::label);
        policy.setHelperText("Round robin: the next reviewer by name. Least open work: the reviewer with the fewest "
                + "frames in reviews assigned or in review.");
        maxOpen.setId("max-open");
        maxOpen.setMin(1);
        maxOpen.setStepButtonsVisible(true);
        maxOpen.setHelperText("Auto-assignment skips reviewers who already have this many open reviews; when all "
                + "are at the cap, the review waits in the queue. Admins may still assign beyond it.");
        sampling.setId("sampling");
        sampling.setMin(0);
        sampling.setMax(100);
        sampling.setStepButtonsVisible(true);
        sampling.setHelperText("100: every job completed in CVAT is reviewed. Lower: each job is drawn at random "
                + "with this chance; the others are accepted in CVAT without review.");
        slaHours.setId("sla-hours");
        slaHours.setMin(1);
        slaHours.setStepButtonsVisible(true);
        slaHours.setHelperText("Time a reviewer has from assignment to decision. When it passes the review is "
                + "marked overdue and admins are notified (the SLA timers in processes/job-review.bpmn). Applies "
                + "to reviews assigned from now on.");
        slaLowHours.setId("sla-low-hours");
        slaHighHours.setId("sla-high-hours");
        slaUrgentHours.setId("sla-urgent-hours");
        for (IntegerField field : List.of(slaLowHours, slaHighHours, slaUrgentHours)) {
            field.setMin(1);
            field.setStepButtonsVisible(true);
        }
        slaUrgentHours.setHelperText("The SLA timer of a review takes the duration of the review's priority (the "
                + "job's, else the task's, else the project's).");
        error.setId("settings-error");
        error.addClassName("form-error");
        error.setVisible(false);
        save.setId("save-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());

        FormLayout form = new FormLayout(syncMinutes, autoAssign, policy, maxOpen, sampling, slaHours,
                slaLowHours, slaHighHours, slaUrgentHours);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("700px", 2));
        form.setMaxWidth("60em");

        add(new PageHeader("Workflow settings"), form, error, save, reasonsSection());
        show(settings.get());
        refreshReasons();
    }

    private void show(WorkflowSettings current) {
        // the form works in whole minutes; a shorter interval (set in app.sync.interval for load tests) shows as 1
        syncMinutes.setValue((int) Math.max(1, current.syncInterval().toMinutes()));
        autoAssign.setValue(current.autoAssign());
        maxOpen.setValue(current.maxOpenPerReviewer());
        sampling.setValue(current.samplingPercent());
        slaHours.setValue((int) Math.max(1, current.reviewSla().toHours()));
        slaLowHours.setValue((int) Math.max(1, current.slaLow().toHours()));
        slaHighHours.setValue((int) Math.max(1, current.slaHigh().toHours()));
        slaUrgentHours.setValue((int) Math.max(1, current.slaUrgent().toHours()));
        policy.setValue(current.assignmentPolicy());
    }

    private void save() {
        if (syncMinutes.isEmpty() || maxOpen.isEmpty() || sampling.isEmpty() || slaHours.isEmpty()
                || slaLowHours.isEmpty() || slaHighHours.isEmpty() || slaUrgentHours.isEmpty()) {
            showError("Fill in every field with a whole number");
            return;
        }
        try {
            WorkflowSettings saved = settings.update(new WorkflowSettings(Duration.ofMinutes(syncMinutes.getValue()),
                    autoAssign.getValue(), maxOpen.getValue(), sampling.getValue(),
                    Duration.ofHours(slaHours.getValue())).withTeamSettings(
                    policy.getValue() == null ? AssignmentPolicy.ROUND_ROBIN : policy.getValue(),
                    Duration.ofHours(slaLowHours.getValue()), Duration.ofHours(slaHighHours.getValue()),
                    Duration.ofHours(slaUrgentHours.getValue())));
            show(saved);
            error.setVisible(false);
            Feedback.success("Workflow settings saved");
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    private Div reasonsSection() {
        Paragraph intro = new Paragraph("Reviewers pick one of the active reasons when they reject a job. Retired "
                + "reasons disappear from the choice but stay on past reviews.");
        intro.addClassName("admin-intro");

        reasonGrid.addColumn(RejectionReason::label).setHeader("Reason").setKey("label").setFlexGrow(1);
        reasonGrid.addComponentColumn(r -> {
            Span badge = new Span(r.active() ? "active" : "retired");
            badge.getElement().getThemeList().add(r.active() ? "badge success" : "badge contrast");
            return badge;
        }).setHeader("State").setKey("state").setAutoWidth(true).setFlexGrow(0);
        reasonGrid.addComponentColumn(r -> {
            Button toggle = new Button(r.active() ? "Retire" : "Reactivate", click -> toggle(r));
            toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return toggle;
        }).setHeader("").setKey("actions").setAutoWidth(true).setFlexGrow(0);
        reasonGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        reasonGrid.setAllRowsVisible(true);
        reasonGrid.setMaxWidth("40em");
        reasonGrid.setId("reasons-grid");

        newReason.setPlaceholder("New reason, e.g. Occlusion not marked");
        newReason.setId("new-reason");
        newReason.setMaxLength(200);
        newReason.setWidth("22em");
        newReason.setMaxWidth("100%");
        addReason.setId("add-reason");
        addReason.addClickListener(click -> add());
        HorizontalLayout addRow = new HorizontalLayout(newReason, addReason);
        addRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        addRow.setWrap(true);

        Div section = new Div(new H3("Rejection reasons"), intro, addRow, reasonGrid);
        section.addClassName("admin-section");
        return section;
    }

    private void add() {
        try {
            RejectionReason added = reasons.add(newReason.getValue());
            newReason.clear();
            Feedback.success("Added '" + added.label() + "'");
        } catch (IllegalArgumentException e) {
            Feedback.error(e.getMessage());
        }
        refreshReasons();
    }

    private void toggle(RejectionReason reason) {
        reasons.setActive(reason.id(), !reason.active());
        refreshReasons();
    }

    private void refreshReasons() {
        reasonGrid.setItems(reasons.all());
    }
}
