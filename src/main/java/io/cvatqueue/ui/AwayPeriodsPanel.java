package io.cvatqueue.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.cvatqueue.review.away.AwayPeriod;
import io.cvatqueue.review.away.AwayService;
import org.springframework.security.access.AccessDeniedException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.NoSuchElementException;

/**
 * A reviewer's away periods, for themselves (My account) or for an admin (Admin > Users > Workload): mark one by its
 * first and last day in the browser's zone, with an optional note; list those not over; cancel one. Whole days:
 * a date-time field would need a new component in the production bundle.
 */
public class AwayPeriodsPanel extends VerticalLayout {

    private final AwayService away;
    private final String username;
    private final Runnable changed;

    final DatePicker firstDay = new DatePicker("First day away");
    final DatePicker lastDay = new DatePicker("Last day away");
    final TextField note = new TextField("Note (optional)");
    final Button mark = new Button("Mark away");
    final Grid<AwayPeriod> periods = new Grid<>();

    /**
     * @param changed told after a period was marked or cancelled (e.g. to redraw a workload list)
     */
    public AwayPeriodsPanel(AwayService away, String username, Runnable changed) {
        this.away = away;
        this.username = username;
        this.changed = changed;
        setPadding(false);
        addClassName("away-periods");
        firstDay.setId("away-first-day");
        lastDay.setId("away-last-day");
        firstDay.setMin(LocalDate.now(BrowserZone.current()));
        firstDay.addValueChangeListener(e -> {
            if (e.getValue() != null && lastDay.isEmpty()) {
                lastDay.setValue(e.getValue());
            }
        });
        note.setId("away-note");
        note.setMaxLength(500);
        note.setPlaceholder("e.g. holiday");
        mark.setId("mark-away");
        mark.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        mark.addClickListener(click -> markAway());
        FlexLayout form = new FlexLayout(firstDay, lastDay, note, mark);
        form.addClassName("filter-bar");
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        periods.setId("away-periods");
        periods.addThemeVariants(GridVariant.LUMO_COMPACT);
        periods.setAllRowsVisible(true);
        periods.addColumn(p -> Formats.time(p.startsAt())).setHeader("From").setAutoWidth(true);
        periods.addColumn(p -> Formats.time(p.endsAt())).setHeader("Until").setAutoWidth(true);
        periods.addColumn(p -> p.note() == null ? "" : p.note()).setHeader("Note").setFlexGrow(1);
        periods.addColumn(AwayPeriod::createdBy).setHeader("Marked by").setAutoWidth(true);
        periods.addComponentColumn(p -> {
            Button cancel = new Button(p.covers(Instant.now()) ? "End now" : "Cancel", click -> cancel(p));
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            cancel.addClassName("cancel-away");
            return cancel;
        }).setKey("cancel").setAutoWidth(true).setFlexGrow(0);
        periods.setEmptyStateText(username + " has no away period coming.");
        add(form, periods);
        refresh();
    }

    void markAway() {
        LocalDate first = firstDay.getValue();
        LocalDate last = lastDay.getValue();
        if (first == null || last == null) {
            Feedback.error("Choose the first and the last day away");
            return;
        }
        if (last.isBefore(first)) {
            Feedback.error("The last day is before the first day");
            return;
        }
        ZoneId zone = BrowserZone.current();
        try {
            AwayPeriod saved = away.markAway(username, first.atStartOfDay(zone).toInstant(),
                    last.plusDays(1).atStartOfDay(zone).toInstant(), note.getValue());
            firstDay.clear();
            lastDay.clear();
            note.clear();
            Feedback.success(username + " is away from " + Formats.time(saved.startsAt()) + " until "
                    + Formats.time(saved.endsAt()) + "; no new reviews go to them then");
            afterChange();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    private void cancel(AwayPeriod period) {
        try {
            away.cancel(period.id());
            Feedback.success(period.covers(Instant.now()) ? username + " is back" : "Away period cancelled");
        } catch (NoSuchElementException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
        afterChange();
    }

    private void afterChange() {
        refresh();
        changed.run();
    }

    void refresh() {
        periods.setItems(away.currentAndComing(username));
    }
}
