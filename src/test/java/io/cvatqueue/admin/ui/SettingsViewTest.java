package io.cvatqueue.admin.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.cvatqueue.account.Role;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.settings.RejectionReason;
import io.cvatqueue.settings.RejectionReasonService;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin > Workflow settings: the settings form with the record's own validation, and rejection reasons. */
class SettingsViewTest extends AdminUiTest {

    @Autowired
    WorkflowSettingsService settings;
    @Autowired
    RejectionReasonService reasons;

    @BeforeEach
    void adminOnTheSettingsPageWithDefaults() {
        login(account("settings-admin", Role.ADMIN, DemoCvat.ADMIN));
        settings.update(DEFAULTS);
        UI.getCurrent().navigate(SettingsView.class);
    }

    @AfterEach
    void backToDefaults() {
        settings.update(DEFAULTS);
    }

    @Test
    void formShowsTheCurrentSettings() {
        assertThat(field("sync-minutes").getValue()).isEqualTo(5);
        assertThat(field("max-open").getValue()).isEqualTo(20);
        assertThat(field("sampling").getValue()).isEqualTo(100);
        assertThat(field("sla-hours").getValue()).isEqualTo(48);
        assertThat(_get(Checkbox.class, spec -> spec.withId("auto-assign")).getValue()).isFalse();
    }

    @Test
    void validSettingsAreSaved() {
        _setValue(field("sync-minutes"), 15);
        _setValue(_get(Checkbox.class, spec -> spec.withId("auto-assign")), true);
        _setValue(field("max-open"), 7);
        _setValue(field("sampling"), 30);
        _setValue(field("sla-hours"), 24);

        _click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(settings.get()).isEqualTo(new WorkflowSettings(Duration.ofMinutes(15), true, 7, 30,
                Duration.ofHours(24)));
        assertThat(settings.syncCycle()).isEqualTo("R/PT15M");
        _assertNone(Paragraph.class, spec -> spec.withId("settings-error"));
    }

    @Test
    void outOfRangeValueShowsTheRulesMessageAndSavesNothing() {
        _setValue(field("sampling"), 150);

        _click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(error().isVisible()).isTrue();
        assertThat(error().getText()).isEqualTo("Sampling: between 0 and 100 percent");
        assertThat(settings.get()).isEqualTo(DEFAULTS);
    }

    @Test
    void syncIntervalOverADayIsRefused() {
        _setValue(field("sync-minutes"), 25 * 60);

        _click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(error().getText()).startsWith("Sync interval: between").endsWith("and 24 hours");
        assertThat(settings.get().syncInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void emptyFieldIsRefused() {
        field("max-open").clear();

        _click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(error().getText()).isEqualTo("Fill in every field with a whole number");
        assertThat(settings.get()).isEqualTo(DEFAULTS);
    }

    @Test
    void addedReasonIsOfferedToReviewersAndRetiringHidesIt() {
        String label = "Boxes too loose " + System.nanoTime();
        _setValue(_get(TextField.class, spec -> spec.withId("new-reason")), label);
        _click(_get(Button.class, spec -> spec.withId("add-reason")));

        assertThat(reasons.activeLabels()).contains(label);
        assertThat(_get(TextField.class, spec -> spec.withId("new-reason")).getValue()).isEmpty();

        _click(reasonButton(label, "Retire"));
        assertThat(reasons.activeLabels()).doesNotContain(label);
        assertThat(reasons.all()).anyMatch(r -> r.label().equals(label) && !r.active());

        _click(reasonButton(label, "Reactivate"));
        assertThat(reasons.activeLabels()).contains(label);
    }

    @Test
    void duplicateReasonIsRefusedWithAMessage() {
        String label = "Duplicate check " + System.nanoTime();
        reasons.add(label);
        _setValue(_get(TextField.class, spec -> spec.withId("new-reason")), label.toUpperCase());

        _click(_get(Button.class, spec -> spec.withId("add-reason")));

        assertThat(notificationTexts()).contains("'" + label.toUpperCase() + "' is already in the list");
        assertThat(reasons.all()).filteredOn(r -> r.label().equalsIgnoreCase(label)).hasSize(1);
    }

    private static IntegerField field(String id) {
        return _get(IntegerField.class, spec -> spec.withId(id));
    }

    private static Paragraph error() {
        return _get(Paragraph.class, spec -> spec.withId("settings-error"));
    }

    private static Button reasonButton(String label, String caption) {
        @SuppressWarnings("unchecked")
        Grid<RejectionReason> grid = _get(Grid.class, spec -> spec.withId("reasons-grid"));
        List<RejectionReason> rows = GridKt._findAll(grid);
        int row = rows.stream().map(RejectionReason::label).toList().indexOf(label);
        Button button = (Button) GridKt._getCellComponent(grid, row, "actions");
        assertThat(button.getText()).isEqualTo(caption);
        return button;
    }
}
