package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.queue.TaskBoard.TaskProgress;
import io.cvatqueue.sync.TrackedProject;
import io.cvatqueue.sync.TrackedProjectRepository;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard: tracked tasks with CVAT progress, tracking and untracking, and CVAT being down. */
class DashboardViewTest extends KaribuSpringTest {

    @Autowired
    TrackedProjectRepository trackedProjects;
    AppUser admin;
    AppUser reviewer;

    @BeforeEach
    void accounts() {
        admin = account("dash-admin", Role.ADMIN, "demo-admin");
        reviewer = account("dash-ravi", Role.REVIEWER, "ravi");
    }

    @Test
    void adminTracksATaskChosenFromCvatAndSeesItsProgress() {
        trackedTasks.findByInstanceIdAndCvatTaskId(instance.id(), 8L).ifPresent(t -> trackedTasks.deleteById(t.id()));
        loginAs(admin);
        DashboardView view = _get(DashboardView.class);

        _click(view.trackTask);
        @SuppressWarnings("unchecked")
        ComboBox<Task> choice = _get(ComboBox.class, spec -> spec.withId("untracked-tasks"));
        Task task8 = choice.getListDataView().getItems().filter(t -> t.id() == 8L).findFirst().orElseThrow();
        _setValue(choice, task8);
        _click(_get(Button.class, spec -> spec.withId("track-confirm")));

        assertThat(trackedTasks.findByInstanceIdAndCvatTaskId(instance.id(), 8L)).isPresent();
        TaskProgress row = rows(view).stream().filter(p -> p.task().cvatTaskId() == 8L).findFirst().orElseThrow();
        assertThat(row.jobCount()).isEqualTo(cvat.jobsSummary(8L).count());
        assertThat(row.completedJobs()).isEqualTo(cvat.jobsSummary(8L).completed());
        assertThat(view.cvatError.isVisible()).isFalse();
    }

    @Test
    void jobsCompletedByAnnotatorsCountAsAwaitingReviewNotAsNothingDone() {
        TrackedTask task = trackedTask(4);
        freshQueuedReviews(task, 2);
        loginAs(admin);
        DashboardView view = _get(DashboardView.class);

        TaskProgress row = rows(view).stream().filter(p -> p.task().id().equals(task.id())).findFirst().orElseThrow();

        assertThat(row.awaitingReview()).isEqualTo((int) reviews.findOpenByTask(instance.id(), 4L).stream()
                .filter(r -> r.status() == io.cvatqueue.review.ReviewStatus.QUEUED
                        || r.status() == io.cvatqueue.review.ReviewStatus.ASSIGNED).count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void untrackingAsksFirst() {
        TrackedTask task = trackedTask(6);
        loginAs(admin);
        DashboardView view = _get(DashboardView.class);
        int row = rows(view).indexOf(rows(view).stream().filter(p -> p.task().id().equals(task.id()))
                .findFirst().orElseThrow());

        Button remove = (Button) GridKt._getCellComponent(view.tasks, row, "untrack");
        _click(remove);
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(trackedTasks.findById(task.id())).as("nothing happens before confirming").isPresent();
        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(trackedTasks.findById(task.id())).isEmpty();
        assertThat(rows(view)).noneMatch(p -> p.task().id().equals(task.id()));
    }

    @Test
    void projectColumnNamesTheCvatProjectAndMarksAWholeTrackedProject() {
        TrackedTask streetScenes = trackedTask(1);
        TrackedTask aerialSurvey = trackedTask(7);
        TrackedProject tracked = trackedProjects.findByInstanceIdAndCvatProjectId(instance.id(), 3L)
                .orElseGet(() -> trackedProjects.save(new TrackedProject(null, instance.id(), 3L, "Aerial survey",
                        "test", Instant.now())));
        try {
            inProject(streetScenes, 1L);
            inProject(aerialSurvey, 3L);
            loginAs(admin);
            DashboardView view = _get(DashboardView.class);

            assertThat(projectCell(view, streetScenes)).isEqualTo("Street scenes");
            assertThat(projectCell(view, aerialSurvey)).startsWith("Aerial survey").endsWith("tracked");
        } finally {
            // other tests share these rows: as the shared givens made them, without a project
            trackedTasks.saveAll(List.of(streetScenes, aerialSurvey));
            trackedProjects.delete(tracked);
        }
    }

    /** The task as tracking it from CVAT records it: with its CVAT project. */
    private void inProject(TrackedTask task, long projectId) {
        trackedTasks.save(new TrackedTask(task.id(), task.instanceId(), task.cvatTaskId(), task.name(), projectId,
                task.addedBy(), task.addedAt(), task.lastSyncedAt(), task.lastSyncSummary(), task.cvatOrgId(),
                task.cvatOrgKnown()));
    }

    @Test
    void theUntrackButtonIsTheLastColumn() {
        trackedTask(3);
        loginAs(admin);
        DashboardView view = _get(DashboardView.class);

        List<Grid.Column<TaskProgress>> columns = view.tasks.getColumns();
        assertThat(columns.get(columns.size() - 1).getKey()).isEqualTo("untrack");
    }

    @Test
    void reviewersSeeTasksButCannotTrackOrUntrack() {
        trackedTask(3);
        loginAs(reviewer);
        DashboardView view = _get(DashboardView.class);

        assertThat(rows(view)).isNotEmpty();
        _assertNone(Button.class, spec -> spec.withId("track-task"));
        assertThat(view.tasks.getColumnByKey("untrack")).isNull();
    }

    @Test
    void unreachableCvatIsExplainedInWordsAndTheTasksStillShow() {
        CvatInstance down = instances.findByBaseUrl("http://127.0.0.1:9")
                .orElseGet(() -> instances.save(CvatInstance.create("Offline CVAT", "http://127.0.0.1:9",
                        cipher.encrypt("Token nothing"), Instant.now())));
        trackedTasks.findByInstanceIdAndCvatTaskId(down.id(), 1L).orElseGet(() -> trackedTasks.save(
                new TrackedTask(null, down.id(), 1L, "Task on a CVAT that is down", null, "test", Instant.now(),
                        null, null, null, true)));
        loginAs(admin);
        context.getBean(CurrentInstance.class).switchTo(down.id());
        UI.getCurrent().navigate("history");
        UI.getCurrent().navigate("");
        DashboardView view = _get(DashboardView.class);

        assertThat(view.cvatError.isVisible()).isTrue();
        assertThat(view.cvatError.getText()).startsWith("CVAT could not be read, so progress is missing: ")
                .contains("http://127.0.0.1:9").doesNotContain("Exception");
        assertThat(rows(view)).extracting(p -> p.task().name()).containsExactly("Task on a CVAT that is down");
    }

    private static String projectCell(DashboardView view, TrackedTask task) {
        int row = rows(view).indexOf(rows(view).stream().filter(p -> p.task().id().equals(task.id()))
                .findFirst().orElseThrow());
        return GridKt._getCellComponent(view.tasks, row, "project").getElement().getTextRecursively();
    }

    private static List<TaskProgress> rows(DashboardView view) {
        return GridKt._fetch(view.tasks, 0, 1000);
    }
}
