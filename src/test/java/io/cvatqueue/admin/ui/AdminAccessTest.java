package io.cvatqueue.admin.ui;

import io.cvatqueue.admin.ui.InstancesView;
import io.cvatqueue.admin.ui.SettingsView;
import io.cvatqueue.admin.ui.UsersView;
import io.cvatqueue.admin.ui.WorkflowView;

import com.vaadin.flow.component.UI;
import io.cvatqueue.account.Role;
import io.cvatqueue.ui.AccessDeniedView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin pages open for admins only. */
class AdminAccessTest extends AdminUiTest {

    @ParameterizedTest
    @ValueSource(strings = {"admin/users", "admin/instances", "admin/settings", "admin/workflow"})
    void reviewerIsRefused(String path) {
        login(account("access-rita", Role.REVIEWER, "rita"));

        UI.getCurrent().navigate(path);

        // Vaadin's access checker denies the route; the app shows its own page instead
        _get(AccessDeniedView.class);

        _assertNone(UsersView.class);
        _assertNone(InstancesView.class);
        _assertNone(SettingsView.class);
        _assertNone(WorkflowView.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin/users", "admin/instances", "admin/settings", "admin/workflow"})
    void adminGetsIn(String path) {
        login(account("access-admin", Role.ADMIN, "demo-admin"));

        UI.getCurrent().navigate(path);

        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain())
                .anyMatch(target -> target.getClass().getPackageName().equals("io.cvatqueue.admin.ui"));
    }
}
