package io.cvatqueue.analytics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.cvatqueue.analytics.ReviewAnalytics;
import io.cvatqueue.ui.StatCard;
import io.cvatqueue.analytics.ReviewAnalytics.DurationStats;
import io.cvatqueue.analytics.ReviewAnalytics.RejectionRate;

import java.time.Duration;
import java.util.List;

/** The review part of the analytics page: time in queue and review, decisions per day, rejection rates. */
class ReviewAnalyticsPanel extends VerticalLayout {

    ReviewAnalyticsPanel(ReviewAnalytics reviews) {
        setPadding(false);
        setWidthFull();
        add(AnalyticsView.cards(
                stat("Time in queue", duration(reviews.timeInQueue()), reviews.timeInQueue().count() + " assigned"),
                stat("Time in review", duration(reviews.timeInReview()),
                        reviews.timeInReview().count() + " reviews"),
                stat("Rejection rate", percent(reviews.rejectionRate()),
                        reviews.rejections() + " of " + reviews.decisions() + " decisions")));

        // days on a time axis: ApexCharts then thins out the labels on narrow screens
        List<String> days = reviews.perDay().stream().map(d -> d.day().toString()).toList();
        ApexChart perDay = new ApexChart(ChartOptions.dailyBars("Decisions per day, last " + ReviewAnalytics.DAYS
                + " days", days, List.of(
                AnalyticsView.series("Approved", reviews.perDay(), ReviewAnalytics.DailyReviews::approved),
                AnalyticsView.series("Rejected", reviews.perDay(), ReviewAnalytics.DailyReviews::rejected))).stackedBars());
        perDay.setId("reviews-per-day-chart");
        add(perDay);

        add(AnalyticsView.cards(rateGrid("rejections-per-annotator", "Annotator", reviews.perAnnotator()),
                rateGrid("rejections-per-reviewer", "Reviewer", reviews.perReviewer())));
    }

    private Grid<RejectionRate> rateGrid(String id, String personHeader, List<RejectionRate> rates) {
        Grid<RejectionRate> grid = new Grid<>(RejectionRate.class, false);
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(RejectionRate::person).setHeader(personHeader).setFlexGrow(1);
        // two narrow number columns, so the table fits a phone without scrolling sideways
        grid.addColumn(r -> r.rejections() + " of " + r.decisions()).setHeader("Rejected")
                .setTextAlign(ColumnTextAlign.END).setWidth("7rem").setFlexGrow(0)
                .setComparator(RejectionRate::rejections);
        grid.addColumn(r -> percent(r.rate())).setHeader("Rate").setTextAlign(ColumnTextAlign.END)
                .setWidth("5.5rem").setFlexGrow(0).setComparator(RejectionRate::rate);
        grid.setItems(rates);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No decisions yet");
        return grid;
    }

    private static Component stat(String label, String value, String detail) {
        return new StatCard(null, label, value).withDetail(detail);
    }

    static String duration(DurationStats stats) {
        if (stats.count() == 0) {
            return "—";
        }
        return "⌀ " + human(stats.average()) + " · median " + human(stats.median());
    }

    static String human(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + " s";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        return duration.toDays() + " d " + duration.toHoursPart() + " h";
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + " %";
    }
}
