package io.cvatqueue.admin;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.vaadin.flow.component.UI;
import io.cvatqueue.account.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin pages open for admins only. */
class AdminAccessTest extends AdminUiTest {

    @ParameterizedTest
    @ValueSource(strings = {"admin/users", "admin/instances", "admin/settings", "admin/workflow"})
    void reviewerIsRefused(String path) {
        login(account("access-rita", Role.REVIEWER, "rita"));

        // Vaadin's access checker denies the route; Karibu reports that as MockAccessDeniedException
        assertThatThrownBy(() -> UI.getCurrent().navigate(path)).isInstanceOf(MockAccessDeniedException.class);

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
                .anyMatch(target -> target.getClass().getPackageName().equals("io.cvatqueue.admin"));
    }
}
