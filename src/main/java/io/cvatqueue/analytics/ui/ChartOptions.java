package io.cvatqueue.analytics.ui;

import java.util.List;

/**
 * What an {@link ApexChart} shows, in the few terms the app's charts need. {@link ApexChart} turns it into
 * ApexCharts' options.
 *
 * @param type       ApexCharts chart type: "line", "bar", "area"
 * @param categories x values: labels, or ISO-8601 instants when {@code datetimeX}
 * @param datetimeX  the x axis is time: ApexCharts spaces the points by time and formats the labels
 * @param stacked    bars of the series are stacked
 * @param horizontal bars run horizontally (long labels, e.g. names, stay readable on phones)
 */
public record ChartOptions(String type, String title, List<String> categories, List<Series> series,
                           boolean datetimeX, boolean stacked, boolean horizontal, int height) {

    /** One line or one set of bars; {@code data} lines up with the categories. */
    public record Series(String name, List<Number> data) {
    }

    public static ChartOptions line(String title, List<String> instants, List<Series> series) {
        return new ChartOptions("line", title, instants, series, true, false, false, 320);
    }

    public static ChartOptions bars(String title, List<String> categories, List<Series> series) {
        return new ChartOptions("bar", title, categories, series, false, false, false, 320);
    }

    /** Bars per day; {@code days} are ISO dates (yyyy-MM-dd), drawn on a time axis. */
    public static ChartOptions dailyBars(String title, List<String> days, List<Series> series) {
        return new ChartOptions("bar", title, days, series, true, false, false, 320);
    }

    public ChartOptions stackedBars() {
        return new ChartOptions(type, title, categories, series, datetimeX, true, horizontal, height);
    }

    public ChartOptions horizontalBars() {
        return new ChartOptions(type, title, categories, series, datetimeX, stacked, true, height);
    }

    public ChartOptions withHeight(int pixels) {
        return new ChartOptions(type, title, categories, series, datetimeX, stacked, horizontal, pixels);
    }

    public Series series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No series " + name));
    }
}
