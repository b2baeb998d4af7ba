package io.cvatqueue.analytics.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import io.cvatqueue.analytics.AnnotationSnapshot;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.ui.JobLink;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The task's jobs with their latest annotation counts, each linked to CVAT. */
class AnnotatedJobsGrid extends Grid<AnnotationSnapshot> {

    private static final int ALL_ROWS_UP_TO = 15;

    AnnotatedJobsGrid(String cvatBaseUrl, List<AnnotationSnapshot> jobs) {
        super(AnnotationSnapshot.class, false);
        setId("jobs-grid");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        addComponentColumn(job -> JobLink.numbered(cvatBaseUrl, job.cvatTaskId(), job.cvatJobId()))
                .setHeader("Job").setWidth("6rem").setFlexGrow(0).setComparator(AnnotationSnapshot::cvatJobId);
        addColumn(job -> job.assignee() == null ? "—" : job.assignee()).setHeader("Annotator")
                .setAutoWidth(true).setSortable(true);
        // the total before the details, so a phone shows it without scrolling sideways
        addColumn(AnnotationSnapshot::total).setHeader("Total").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        addColumn(job -> job.stage() + " / " + job.state()).setHeader("Stage / state").setAutoWidth(true)
                .setSortable(true);
        addColumn(AnnotationSnapshot::shapes).setHeader("Shapes").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        addColumn(AnnotationSnapshot::tracks).setHeader("Tracks").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        addColumn(AnnotationSnapshot::tags).setHeader("Tags").setTextAlign(ColumnTextAlign.END)
                .setSortable(true);
        addColumn(job -> Formats.time(job.jobUpdatedDate())).setHeader("Changed in CVAT").setAutoWidth(true)
                .setComparator(job -> Optional.ofNullable(job.jobUpdatedDate()).orElse(Instant.EPOCH));
        setItems(jobs);
        setAllRowsVisible(jobs.size() <= ALL_ROWS_UP_TO);
        setHeight(jobs.size() <= ALL_ROWS_UP_TO ? null : "32rem");
    }
}
