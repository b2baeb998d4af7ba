package io.cvatqueue.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.queue.QueueService;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Picks a reviewer among the instance's active users, showing how many open reviews each already has. Users who
 * are away are not offered; the helper text says who is away until when.
 */
class ReviewerChoice extends ComboBox<AppUser> {

    ReviewerChoice(String label, AccountService accounts, QueueService queue, Map<String, Instant> awayUntil,
                   long instanceId) {
        super(label);
        List<AppUser> users = accounts.activeUsersOf(instanceId);
        Map<String, Integer> load = queue.activeCountsByReviewer(instanceId);
        setItems(users.stream().filter(u -> !awayUntil.containsKey(u.username())).toList());
        setItemLabelGenerator(u -> u.username() + " (" + load.getOrDefault(u.username(), 0) + " open)");
        String away = users.stream().map(AppUser::username).filter(awayUntil::containsKey).sorted()
                .map(u -> u + " away until " + Formats.time(awayUntil.get(u))).collect(Collectors.joining(", "));
        if (!away.isEmpty()) {
            setHelperText("Not offered: " + away);
        }
        setPlaceholder("Reviewer");
        setClearButtonVisible(true);
    }
}
