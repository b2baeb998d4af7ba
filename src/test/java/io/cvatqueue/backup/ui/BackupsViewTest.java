package io.cvatqueue.backup.ui;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Paragraph;
import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.Role;
import io.cvatqueue.demo.DemoCvat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin > Backups on the built-in H2 database in a file, as the app runs by default: the state of the file and
 * compacting it while the app runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.demo.simulate=false", "app.data-dir=target/backups-view-test/data",
        "app.backup-dir=target/backups-view-test/backups",
        "spring.datasource.url=jdbc:h2:file:./target/backups-view-test/data/queue;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=512"})
@ActiveProfiles({"test", "demo"})
class BackupsViewTest {

    private static final Path FILE = Path.of("target", "backups-view-test", "data", "queue.mv.db");

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    DemoWorld world;

    @BeforeEach
    void adminOnTheBackupsPage() {
        world = new DemoWorld(context);
        world.openUiAs(world.account("backups-admin", Role.ADMIN, DemoCvat.ADMIN));
        UI.getCurrent().navigate(BackupsView.class);
    }

    @AfterEach
    void closeUi() {
        world.closeUi();
    }

    @Test
    void showsHowLargeTheFileIsAndHowMuchOfItIsData() {
        String text = _get(Paragraph.class, spec -> spec.withId("database-file")).getText();

        assertThat(text).matches("The H2 file is [0-9.]+ (KB|MB), about [0-9]+% of it data\\..*");
    }

    @Test
    void compactNowShrinksTheFileAfterAConfirmationAndTheAppWorksOn() throws Exception {
        jdbc.execute("create table if not exists compaction_garbage (id bigint auto_increment primary key, "
                + "text varchar(2000))");
        for (int i = 0; i < 2000; i++) {
            jdbc.update("insert into compaction_garbage (text) values (repeat('x', 1000))");
        }
        jdbc.update("delete from compaction_garbage");
        long before = Files.size(FILE);

        _click(_get(Button.class, spec -> spec.withId("compact-now")));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(Files.size(FILE)).as("nothing happens before the confirmation").isGreaterThanOrEqualTo(before);
        assertThat(ConfirmDialogKt.getHeader(confirm)).isEqualTo("Compact the database file now?");
        ConfirmDialogKt._fireConfirm(confirm);
        BackupsView view = _get(BackupsView.class);
        assertThat(view.compactNow.isEnabled()).as("no second compaction while one runs").isFalse();
        assertThat(view.fileState.getText()).isEqualTo("Compacting the H2 file…");
        view.runningCompaction.join();
        MockVaadin.runUIQueue();

        assertThat(NotificationsKt.getNotifications().stream().map(n -> n.getElement().getProperty("text",
                BasicUtilsKt.get_textRecursively(n))))
                .anyMatch(text -> text.startsWith("Compacted the H2 file"));
        assertThat(Files.size(FILE)).isLessThan(before / 2);
        assertThat(view.compactNow.isEnabled()).isTrue();
        assertThat(view.fileState.getText()).startsWith("The H2 file is");
        assertThat(jdbc.queryForObject("select count(*) from app_user where username = 'backups-admin'",
                Integer.class)).isOne();
        jdbc.execute("drop table compaction_garbage");
    }
}
