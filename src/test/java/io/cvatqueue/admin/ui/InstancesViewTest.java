package io.cvatqueue.admin.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.demo.DemoCvat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin > CVAT instances against the demo CVAT: editing, token checks by CVAT and the connection test. */
class InstancesViewTest extends AdminUiTest {

    CvatInstance demo;
    String originalName;
    @org.springframework.beans.factory.annotation.Autowired
    io.cvatqueue.cvat.CvatInstanceService instanceService;

    @BeforeEach
    void adminOnTheInstancesPage() {
        originalName = demoInstance().name();
        demo = asSeeded(originalName);
        login(account("instances-admin", Role.ADMIN, DemoCvat.ADMIN));
        UI.getCurrent().navigate(InstancesView.class);
    }

    @Test
    void showsWhetherTokenAndWebhookSecretAreSetButNeverTheToken() {
        Grid<CvatInstance> grid = grid();
        int row = row(demo);

        assertThat(GridKt._getFormatted(grid, row, "baseUrl")).isEqualTo(demo.baseUrl());
        assertThat(GridKt._getFormattedRow(grid, row)).noneMatch(cell -> cell.contains(DemoCvat.ADMIN_TOKEN));
    }

    @Test
    void showsWhetherEachCvatCanBeReached() {
        Grid<CvatInstance> grid = grid();

        var reachable = (com.vaadin.flow.component.html.Span) GridKt._getCellComponent(grid, row(demo), "reachable");

        assertThat(reachable.getText()).isEqualTo("reachable");
    }

    @Test
    void adminDecidesWhetherRegistrationMayAddNewInstances() {
        Checkbox newInstances = _get(Checkbox.class, spec -> spec.withId("registration-new-instances"));
        assertThat(newInstances.getValue()).isFalse();

        _setValue(newInstances, true);

        assertThat(instanceService.registrationMayAddInstances()).isTrue();
        assertThat(notificationTexts()).contains("Registration may now add new CVAT instances");
        _setValue(newInstances, false);
        assertThat(instanceService.registrationMayAddInstances()).isFalse();
    }

    @Test
    void tokenRejectedByCvatShowsCvatsAnswerAndKeepsTheOldToken() {
        _click(rowButton("Edit"));
        _setValue(_get(PasswordField.class, spec -> spec.withId("instance-service-token")), "Token not-a-demo-token");
        _click(_get(Button.class, spec -> spec.withId("save-instance")));

        Paragraph error = _get(Paragraph.class, spec -> spec.withId("instance-error"));
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).startsWith("Not saved.").contains("rejected the token (401)");
        CvatInstance after = demoInstance();
        assertThat(cipher.decrypt(after.serviceTokenEnc())).isEqualTo("Token " + DemoCvat.ADMIN_TOKEN);
        assertThat(after.version()).isEqualTo(demo.version());
    }

    @Test
    void newNameOrganisationAndGeneratedWebhookSecretAreSavedWhileABlankTokenKeepsTheOldOne() {
        _click(rowButton("Edit"));
        _setValue(_get(TextField.class, spec -> spec.withId("instance-name")), "Team CVAT");
        _setValue(_get(TextField.class, spec -> spec.withId("instance-organization")), "team");
        _click(_get(Button.class, spec -> spec.withId("generate-secret")));
        String secret = _get(TextField.class, spec -> spec.withId("instance-webhook-secret")).getValue();
        _click(_get(Button.class, spec -> spec.withId("save-instance")));

        CvatInstance after = demoInstance();
        assertThat(after.name()).isEqualTo("Team CVAT");
        assertThat(after.organizationSlug()).isEqualTo("team");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        // stored encrypted, like the CVAT tokens
        assertThat(after.webhookSecretEnc()).doesNotContain(secret);
        assertThat(cipher.decrypt(after.webhookSecretEnc())).isEqualTo(secret);
        assertThat(cipher.decrypt(after.serviceTokenEnc())).isEqualTo("Token " + DemoCvat.ADMIN_TOKEN);
        _assertNone(InstancesView.EditDialog.class);
        assertThat(GridKt._getFormatted(grid(), row(after), "name")).isEqualTo("Team CVAT");
    }

    @Test
    void testConnectionNamesTheCvatUserTheServiceTokenActsAs() {
        _click(rowButton("Test connection"));

        assertThat(notificationTexts()).anySatisfy(text -> assertThat(text)
                .contains("the service token works and acts as CVAT user").contains(DemoCvat.ADMIN));
    }

    @Test
    void testConnectionWithARevokedTokenSaysWhatCvatSaid() {
        instances.save(demoInstance().withSettings(demo.name(), null, cipher.encrypt("Token revoked"), null));

        _click(rowButton("Test connection"));

        assertThat(notificationTexts()).anySatisfy(text -> assertThat(text).contains("rejected the token (401)"));
    }

    @AfterEach
    void restoreTheDemoInstance() {
        asSeeded(originalName);
    }

    /** The demo instance with the demo owner's token and no organisation or webhook secret. */
    private CvatInstance asSeeded(String name) {
        return instances.save(demoInstance().withSettings(name, null, cipher.encrypt("Token " + DemoCvat.ADMIN_TOKEN),
                null));
    }

    private Grid<CvatInstance> grid() {
        @SuppressWarnings("unchecked")
        Grid<CvatInstance> grid = _get(Grid.class, spec -> spec.withId("instances-grid"));
        return grid;
    }

    private int row(CvatInstance instance) {
        List<CvatInstance> rows = GridKt._findAll(grid());
        return rows.stream().map(CvatInstance::id).toList().indexOf(instance.id());
    }

    private Button rowButton(String caption) {
        return _get(GridKt._getCellComponent(grid(), row(demo), "actions"), Button.class,
                spec -> spec.withAttribute("aria-label", caption));
    }
}
