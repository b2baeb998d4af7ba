package io.cvatqueue.settings;

import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.util.List;

/** The list reviewers pick a rejection reason from; admins edit it. Reasons are retired, not deleted. */
@Service
public class RejectionReasonService {

    private final RejectionReasonRepository reasons;

    public RejectionReasonService(RejectionReasonRepository reasons) {
        this.reasons = reasons;
    }

    public List<String> activeLabels() {
        return reasons.findByActiveTrueOrderBySortOrderAscLabelAsc().stream().map(RejectionReason::label).toList();
    }

    @Secured("ROLE_ADMIN")
    public List<RejectionReason> all() {
        return reasons.findAllByOrderBySortOrderAscLabelAsc();
    }

    @Secured("ROLE_ADMIN")
    public RejectionReason add(String label) {
        if (label == null || label.isBlank() || label.strip().length() > 200) {
            throw new IllegalArgumentException("A reason needs 1 to 200 characters");
        }
        String clean = label.strip();
        List<RejectionReason> existing = reasons.findAll();
        if (existing.stream().anyMatch(r -> r.label().equalsIgnoreCase(clean))) {
            throw new IllegalArgumentException("'" + clean + "' is already in the list");
        }
        int next = existing.stream().mapToInt(RejectionReason::sortOrder).max().orElse(0) + 1;
        return reasons.save(new RejectionReason(null, clean, true, next));
    }

    @Secured("ROLE_ADMIN")
    public RejectionReason setActive(long id, boolean active) {
        RejectionReason reason = reasons.findById(id).orElseThrow(() -> new IllegalArgumentException("No such reason"));
        return reasons.save(new RejectionReason(reason.id(), reason.label(), active, reason.sortOrder()));
    }
}
