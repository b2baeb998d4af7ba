package io.cvatqueue.analytics.ui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

import java.util.List;
import java.util.Map;

/**
 * A chart drawn by ApexCharts (npm apexcharts 4.7.0, the last MIT-licensed version) in the browser. The Java side
 * only holds {@link ChartOptions} and sends them as JSON in the {@code options} attribute; the custom element in
 * frontend/src/apex-chart.js draws the chart and draws it again whenever the attribute changes.
 */
@Tag("apex-chart")
@NpmPackage(value = "apexcharts", version = "4.7.0")
@JsModule("./src/apex-chart.js")
public class ApexChart extends Component implements HasSize, HasStyle {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ChartOptions options;

    public ApexChart() {
        setWidthFull();
    }

    public ApexChart(ChartOptions options) {
        this();
        setOptions(options);
    }

    public void setOptions(ChartOptions options) {
        this.options = options;
        getElement().setAttribute("options", toJson(options));
    }

    public ChartOptions getOptions() {
        return options;
    }

    /** ApexCharts' option tree for the options: https://apexcharts.com/docs/options/ */
    static String toJson(ChartOptions options) {
        boolean line = !"bar".equals(options.type());
        ApexOptions apex = new ApexOptions(
                new Chart(options.type(), options.height(), options.stacked(), "inherit", Map.of("show", false),
                        Map.of("enabled", false), Map.of("enabled", false)),
                options.title() == null ? null : new Title(options.title(), "left"),
                options.series(),
                // instants (lines) are shown in the browser's zone, like every time in the app; days (bars) are
                // plain dates, already counted in the user's zone on the server, so they must not be shifted
                new XAxis(options.datetimeX() ? "datetime" : "category", options.categories(),
                        options.datetimeX() ? Map.of("datetimeUTC", !line) : null),
                Map.of("bar", Map.of("horizontal", options.horizontal())),
                Map.of("enabled", false),
                new Stroke(line ? 2 : 0, "straight"),
                Map.of("size", line && options.categories().size() <= 60 ? 3 : 0),
                Map.of("position", "top", "horizontalAlign", "left"),
                Map.of("text", "No data yet"),
                options.datetimeX() ? Map.of("x", Map.of("format", line ? "dd MMM HH:mm" : "dd MMM")) : null);
        try {
            return JSON.writeValueAsString(apex);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chart options cannot be written as JSON", e);
        }
    }

    record ApexOptions(Chart chart, Title title, List<ChartOptions.Series> series, XAxis xaxis,
                       Map<String, Object> plotOptions, Map<String, Object> dataLabels, Stroke stroke,
                       Map<String, Object> markers, Map<String, Object> legend, Map<String, Object> noData,
                       Map<String, Object> tooltip) {
    }

    record Chart(String type, int height, boolean stacked, String fontFamily, Map<String, Object> toolbar,
                 Map<String, Object> zoom, Map<String, Object> animations) {
    }

    record Title(String text, String align) {
    }

    record XAxis(String type, List<String> categories, Map<String, Object> labels) {
    }

    record Stroke(int width, String curve) {
    }
}
