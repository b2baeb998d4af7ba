package io.cvatqueue.ui;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.ReviewStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times, statuses and CVAT states read on screen. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String stageAndState(JobStage stage, JobState state) {
        return (stage == null ? "?" : stage.wire()) + " · " + (state == null ? "?" : state.wire());
    }

    /** Lumo badge theme for a review status. */
    static String badgeTheme(ReviewStatus status) {
        return switch (status) {
            case QUEUED -> "badge";
            case ASSIGNED, IN_REVIEW -> "badge contrast";
            case REJECTED, JOB_DELETED, CHANGED_IN_CVAT -> "badge error";
            case APPROVED, ACCEPTED_WITHOUT_REVIEW, ACCEPTED_IN_CVAT -> "badge success";
        };
    }

    /** A decision in history: how it was decided, not where the review is now. */
    static com.vaadin.flow.component.html.Span decisionBadge(ReviewStatus decision) {
        com.vaadin.flow.component.html.Span badge = new com.vaadin.flow.component.html.Span(decision.decisionLabel());
        badge.getElement().getThemeList().add(badgeTheme(decision));
        return badge;
    }

    static com.vaadin.flow.component.html.Span statusBadge(ReviewStatus status, boolean overdue) {
        com.vaadin.flow.component.html.Span badge = new com.vaadin.flow.component.html.Span(status.label()
                + (overdue ? " · overdue" : ""));
        badge.getElement().getThemeList().add(overdue ? "badge error" : badgeTheme(status));
        return badge;
    }
}
