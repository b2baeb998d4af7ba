package io.cvatqueue.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.queue.QueueService;

import java.util.List;
import java.util.Map;

/** Picks a reviewer among the instance's active users, showing how many open reviews each already has. */
class ReviewerChoice extends ComboBox<AppUser> {

    ReviewerChoice(String label, AccountService accounts, QueueService queue, long instanceId) {
        super(label);
        List<AppUser> users = accounts.activeUsersOf(instanceId);
        Map<String, Integer> load = queue.activeCountsByReviewer(instanceId);
        setItems(users);
        setItemLabelGenerator(u -> u.username() + " (" + load.getOrDefault(u.username(), 0) + " open)");
        setPlaceholder("Reviewer");
        setClearButtonVisible(true);
    }
}
