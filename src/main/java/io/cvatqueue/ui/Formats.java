package io.cvatqueue.ui;

import com.vaadin.flow.component.html.Span;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.review.ReviewStatus;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How times, statuses and CVAT states read on screen. Times are shown in the user's browser zone. */
public final class Formats {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Formats() {
    }

    /** Date and time to the minute, e.g. 2026-11-30 14:05; empty for no time. */
    public static String time(Instant instant) {
        return format(MINUTES, instant);
    }

    /** Date and time to the second, for events close together (backups, deployments). */
    public static String timeWithSeconds(Instant instant) {
        return format(SECONDS, instant);
    }

    /** Time of day only, for moments within the next hours (e.g. when a lock ends). */
    public static String clock(Instant instant) {
        return format(CLOCK, instant);
    }

    private static String format(DateTimeFormatter formatter, Instant instant) {
        return instant == null ? "" : formatter.withZone(BrowserZone.current()).format(instant);
    }

    public static String stageAndState(JobStage stage, JobState state) {
        return (stage == null ? "?" : stage.wire()) + " · " + (state == null ? "?" : state.wire());
    }

    /** Lumo badge theme for a review status. */
    public static String badgeTheme(ReviewStatus status) {
        return switch (status) {
            case QUEUED -> "badge";
            case ASSIGNED, IN_REVIEW -> "badge contrast";
            case REJECTED, JOB_DELETED, CHANGED_IN_CVAT -> "badge error";
            case APPROVED, ACCEPTED_WITHOUT_REVIEW, ACCEPTED_IN_CVAT -> "badge success";
        };
    }

    /** A decision in history: how it was decided, not where the review is now. */
    public static Span decisionBadge(ReviewStatus decision) {
        Span badge = new Span(decision.decisionLabel());
        badge.getElement().getThemeList().add(badgeTheme(decision));
        return badge;
    }

    public static Span statusBadge(ReviewStatus status, boolean overdue) {
        Span badge = new Span(status.label() + (overdue ? " · overdue" : ""));
        badge.getElement().getThemeList().add(overdue ? "badge error" : badgeTheme(status));
        badge.addClassName("status-badge");
        return badge;
    }
}
