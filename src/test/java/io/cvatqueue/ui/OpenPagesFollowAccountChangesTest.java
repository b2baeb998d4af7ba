package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's open page follows an admin's change to the account at once, over server push. */
class OpenPagesFollowAccountChangesTest extends KaribuSpringTest {

    @Autowired
    AccountService accounts;

    private AppUser admin;
    private AppUser rita;

    @BeforeEach
    void ritaHasThePageOpen() {
        admin = account("pages-admin", Role.ADMIN, "demo-admin");
        rita = account("pages-rita", Role.REVIEWER, "rita");
        loginAs(rita);
        pendingJavaScript();
    }

    @Test
    void aDeactivatedUsersPageGoesToTheLoginPageThatSaysWhy() {
        UI page = UI.getCurrent();

        actAs(admin);
        accounts.setActive(rita.id(), false);
        // runs the pushed UI access, leaving its JavaScript for the browser to inspect
        MockVaadin.runUIQueue();

        assertThat(scripts(page)).anyMatch(js -> js.contains("login?deactivated"));
    }

    @Test
    void aUserWhoseRoleChangedGetsThePageReloadedWithTheNewMenu() {
        UI page = UI.getCurrent();

        actAs(admin);
        accounts.changeRole(rita.id(), Role.ADMIN);
        // runs the pushed UI access, leaving its JavaScript for the browser to inspect
        MockVaadin.runUIQueue();

        assertThat(scripts(page)).anyMatch(js -> js.contains("window.location.reload()"));
    }

    private static List<String> scripts(UI ui) {
        return ui.getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(PendingJavaScriptInvocation::getInvocation)
                .map(invocation -> invocation.getExpression() + " " + invocation.getParameters())
                .toList();
    }

    private static void pendingJavaScript() {
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
    }
}
