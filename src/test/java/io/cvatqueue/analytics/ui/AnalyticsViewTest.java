package io.cvatqueue.analytics.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.cvatqueue.account.Role;
import io.cvatqueue.analytics.AnalyticsTestBase;
import io.cvatqueue.analytics.AnnotationSnapshot;
import io.cvatqueue.analytics.RefreshProgress;
import io.cvatqueue.analytics.SnapshotService;
import io.cvatqueue.analytics.TimelinePoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The analytics page in a browserless Vaadin UI (Karibu-Testing) on the app's Spring beans. */
class AnalyticsViewTest extends AnalyticsTestBase {

    @Autowired
    SnapshotService snapshots;

    @BeforeEach
    void openUiAsReviewer() {
        world.openUiAs(account("view-rita", Role.REVIEWER, "rita"));
    }

    @AfterEach
    void closeUi() {
        world.closeUi();
    }

    @Test
    void taskPageChartsTheSnapshotTimelineAndListsEveryJob() {
        long taskId = freshTrackedTask(5);
        snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);
        long changed = jobIds(taskId).get(0);
        cvat.startJob(changed, "lee");
        cvat.completeJob(changed);
        snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);
        List<TimelinePoint> timeline = snapshots.timeline(instance.id(), taskId);

        UI.getCurrent().navigate("analytics/" + taskId);

        ChartOptions chart = _get(ApexChart.class, spec -> spec.withId("timeline-chart")).getOptions();
        assertThat(chart.datetimeX()).isTrue();
        assertThat(chart.categories()).hasSize(2);
        assertThat(chart.series("Total").data()).containsExactlyElementsOf(
                timeline.stream().<Number>map(TimelinePoint::total).toList());
        assertThat(chart.series("Shapes").data()).containsExactlyElementsOf(
                timeline.stream().<Number>map(TimelinePoint::shapes).toList());
        assertThat(_get(ApexChart.class, spec -> spec.withId("timeline-chart")).getElement().getAttribute("options"))
                .contains("\"type\":\"datetime\"").contains("\"name\":\"Total\"");
        @SuppressWarnings("unchecked")
        Grid<AnnotationSnapshot> jobs = _get(Grid.class, spec -> spec.withId("jobs-grid"));
        assertThat(jobs.getGenericDataView().getItems().count()).isEqualTo(jobIds(taskId).size());
        ChartOptions annotators = _get(ApexChart.class, spec -> spec.withId("annotator-jobs-chart")).getOptions();
        assertThat(annotators.categories()).contains("lee");
        _get(ApexChart.class, spec -> spec.withId("reviews-per-day-chart"));
    }

    @Test
    void beforeTheFirstSnapshotTheAnnotatorsSectionSaysSoInsteadOfDrawingEmptyCharts() {
        long taskId = freshTrackedTask(5);

        UI.getCurrent().navigate("analytics/" + taskId);

        _assertNone(ApexChart.class, spec -> spec.withId("annotator-jobs-chart"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("annotators-none")).getText())
                .contains("No annotator figures yet");
        _get(ApexChart.class, spec -> spec.withId("timeline-chart"));
    }

    @Test
    void refreshRunsInTheBackgroundAndShowsItsSummary() {
        long taskId = freshTrackedTask(5);
        faults.slowDownBy(Duration.ofMillis(20));
        UI.getCurrent().navigate("analytics/" + taskId);
        Button refresh = _get(Button.class, spec -> spec.withId("refresh-analytics"));

        _click(refresh);

        assertThat(refresh.isEnabled()).isFalse();
        // Karibu's UI lives on the test thread: poll there
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            MockVaadin.clientRoundtrip();
            return refresh.isEnabled();
        });
        assertThat(_get(Span.class, spec -> spec.withId("refresh-status")).getText())
                .contains(jobIds(taskId).size() + " jobs: " + jobIds(taskId).size() + " downloaded, 0 unchanged");
        assertThat(_get(ApexChart.class, spec -> spec.withId("timeline-chart")).getOptions().series("Total").data())
                .hasSize(1);
    }

    @Test
    void withoutATaskThePageOpensTheTaskSyncedMostRecently() {
        freshTrackedTask(5);
        freshTrackedTask(6);
        syncedLast(6);

        UI.getCurrent().navigate("analytics");

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("analytics/6");
        @SuppressWarnings("unchecked")
        ComboBox<io.cvatqueue.sync.TrackedTask> picker = _get(ComboBox.class, spec -> spec.withId("task-picker"));
        assertThat(picker.getValue().cvatTaskId()).isEqualTo(6L);
        assertThat(picker.getGenericDataView().getItems().map(t -> t.cvatTaskId())).contains(5L, 6L);
    }

    @Test
    void withoutATaskThePageOpensTheTaskLastLookedAt() {
        freshTrackedTask(5);
        freshTrackedTask(6);
        syncedLast(6);
        UI.getCurrent().navigate("analytics/5");
        UI.getCurrent().navigate("my-reviews");

        UI.getCurrent().navigate("analytics");

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("analytics/5");
    }

    /** Later than any other tracked task of the shared test database. */
    private void syncedLast(long taskId) {
        jdbc.update("update tracked_task set last_synced_at = dateadd('DAY', 1, current_timestamp) "
                + "where instance_id = ? and cvat_task_id = ?", instance.id(), taskId);
    }
}
