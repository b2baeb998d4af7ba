package io.cvatqueue.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.cvatqueue.review.DecisionHistory;
import io.cvatqueue.review.DecisionHistory.Decision;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.sync.TrackedTaskService;
import jakarta.annotation.security.PermitAll;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Every approve and reject decision on the instance, filterable and exportable as CSV. */
@Route("history")
@PageTitle("History | CVAT Queue Manager")
@PermitAll
public class HistoryView extends VerticalLayout {

    private final DecisionHistory history;
    private DecisionHistory.Filter filter;

    final ComboBox<String> reviewer = new ComboBox<>("Reviewer");
    final Select<ReviewStatus> decision = new Select<>();
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final TaskChoice task;
    final Grid<Decision> grid = new Grid<>();
    final Anchor export;

    public HistoryView(CurrentInstance currentInstance, DecisionHistory history, TrackedTaskService trackedTasks) {
        this.history = history;
        long instanceId = currentInstance.id();
        // days in the filter and times in the CSV are the user's
        this.filter = DecisionHistory.Filter.all(instanceId).inZone(BrowserZone.current());
        addClassName("page");
        setPadding(false);
        setHeightFull();

        reviewer.setId("history-reviewer");
        reviewer.setItems(history.deciders(instanceId));
        reviewer.setClearButtonVisible(true);
        reviewer.setPlaceholder("Anyone");
        reviewer.addValueChangeListener(e -> apply(filter.withReviewer(e.getValue())));

        decision.setId("history-decision");
        decision.setLabel("Decision");
        decision.setItems(ReviewStatus.APPROVED, ReviewStatus.REJECTED);
        decision.setItemLabelGenerator(status -> status == null ? "Both" : status.decisionLabel());
        decision.setEmptySelectionAllowed(true);
        decision.setEmptySelectionCaption("Both");
        decision.addValueChangeListener(e -> apply(filter.withDecision(e.getValue())));

        from.setId("history-from");
        to.setId("history-to");
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        from.addValueChangeListener(e -> {
            to.setMin(e.getValue());
            applyDates();
        });
        to.addValueChangeListener(e -> {
            from.setMax(e.getValue());
            applyDates();
        });

        task = new TaskChoice("Task", trackedTasks.list(instanceId));
        task.setId("history-task");
        task.addValueChangeListener(e -> apply(filter.withTask(task.cvatTaskId())));

        // the export reads the filter at download time, so it always matches what the grid shows
        export = new Anchor(csvDownload(), AttachmentType.DOWNLOAD, "");
        export.add(VaadinIcon.DOWNLOAD.create(), new com.vaadin.flow.component.html.Span("Export CSV"));
        export.setId("export-csv");
        export.addClassName("export-link");

        FilterPanel filters = new FilterPanel("history-filters", reviewer, decision, from, to, task);

        configureGrid();
        add(new PageHeader("Decision history", export), filters, grid);
        setFlexGrow(1, grid);
    }

    private DownloadHandler csvDownload() {
        return event -> {
            event.setFileName("decisions-" + LocalDate.now() + ".csv");
            event.setContentType("text/csv; charset=utf-8");
            Writer writer = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
            history.writeCsv(filter, writer);
        };
    }

    private void configureGrid() {
        grid.setId("history");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setMinHeight("320px");
        grid.addColumn(d -> Formats.time(d.decidedAt())).setHeader("When").setWidth("6.5em").setFlexGrow(0)
                .setKey("when");
        grid.addColumn(Decision::cvatJobId).setHeader("Job").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> d.taskName() == null ? "#" + d.cvatTaskId() : d.taskName()).setHeader("Task")
                .setFlexGrow(1).setKey("task");
        grid.addColumn(Decision::reviewer).setHeader("Reviewer").setAutoWidth(true).setKey("reviewer");
        grid.addColumn(d -> d.annotator() == null ? "" : d.annotator()).setHeader("Annotator").setAutoWidth(true)
                .setKey("annotator");
        grid.addColumn(new ComponentRenderer<>(d -> Formats.decisionBadge(d.decision()))).setHeader("Decision")
                .setKey("decision").setWidth("6.5em").setFlexGrow(0);
        grid.addColumn(d -> d.note() == null ? "" : d.note()).setHeader("Reason / note").setFlexGrow(2)
                .setKey("note");
        grid.setItems(query -> history.page(filter, query.getOffset(), query.getLimit()).stream(),
                query -> history.count(filter));
        grid.setEmptyStateText("No decisions match these filters.");
        // on a phone the long columns give way; a tap on a row shows them under it
        NarrowScreens.hideOnNarrow(grid, "task", "annotator", "note");
        grid.setItemDetailsRenderer(new ComponentRenderer<>(HistoryView::details));
    }

    private static Div details(Decision d) {
        Div details = new Div();
        details.addClassName("row-details");
        details.add(new Paragraph("Task: " + (d.taskName() == null ? "#" + d.cvatTaskId() : d.taskName())
                + (d.annotator() == null ? "" : " · annotator " + d.annotator())));
        if (d.note() != null && !d.note().isBlank()) {
            details.add(new Paragraph(d.note()));
        }
        return details;
    }

    private void applyDates() {
        LocalDate start = from.getValue();
        LocalDate end = to.getValue();
        if (start != null && end != null && end.isBefore(start)) {
            to.setInvalid(true);
            to.setErrorMessage("Ends before it starts");
            return;
        }
        to.setInvalid(false);
        apply(filter.withDates(start, end));
    }

    private void apply(DecisionHistory.Filter newFilter) {
        filter = newFilter;
        grid.getDataProvider().refreshAll();
    }

    DecisionHistory.Filter filter() {
        return filter;
    }
}
