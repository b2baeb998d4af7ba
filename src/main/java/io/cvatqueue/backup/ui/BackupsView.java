package io.cvatqueue.backup.ui;

import io.cvatqueue.backup.Backup;
import io.cvatqueue.backup.BackupException;
import io.cvatqueue.backup.BackupService;
import io.cvatqueue.backup.BackupValidator;
import io.cvatqueue.backup.H2FileCompaction;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import io.cvatqueue.ui.Feedback;
import io.cvatqueue.ui.Formats;
import io.cvatqueue.ui.NarrowScreens;
import io.cvatqueue.ui.PageHeader;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import io.cvatqueue.account.Role;
import jakarta.annotation.security.RolesAllowed;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Admin > Backups: back up the H2 database now, download or delete backups, and restore one at the next start.
 * On PostgreSQL it only explains that pg_dump and pg_restore are the tools.
 */
@Route("admin/backups")
@PageTitle("Backups | CVAT Queue Manager")
@RolesAllowed(Role.ADMIN_NAME)
public class BackupsView extends Div {

    private final BackupService backups;
    private final H2FileCompaction compaction;
    final Grid<Backup> grid = new Grid<>(Backup.class, false);
    final Div pending = new Div();
    final Paragraph fileState = new Paragraph();
    final Button compactNow = new Button("Compact now");
    /** The compaction started from this page, until it has ended. */
    CompletableFuture<H2FileCompaction.Outcome> runningCompaction;
    final Upload upload;

    public BackupsView(BackupService backups, H2FileCompaction compaction,
                       @Value("${app.backup.max-upload-size:2GB}") DataSize maxUploadSize) {
        this.backups = backups;
        this.compaction = compaction;
        addClassName("page");
        add(new PageHeader("Backups"));
        if (!backups.supported()) {
            upload = null;
            String product = backups.databaseProduct();
            add(new Paragraph("Backups on this page need the built-in H2 database in a file (the default). This app "
                    + "runs on " + ("H2".equalsIgnoreCase(product) ? "an in-memory H2 database, which has nothing to "
                    + "back up" : product + ": back it up with that database's own tools") + ". "
                    + "For PostgreSQL: pg_dump (e.g. pg_dump -Fc -f queue.dump <database>) while the app runs, and "
                    + "pg_restore into an empty database with the app stopped. Also keep DATA_DIR/secret.key (or "
                    + "APP_SECRET_KEY): the stored CVAT tokens can only be decrypted with it."));
            return;
        }

        add(new Paragraph("Backups are consistent snapshots of the H2 database taken while the app runs, written to "
                + "BACKUP_DIR. Each holds the database and " + (backups.keyFileInUse()
                ? "DATA_DIR/secret.key, the key of the stored CVAT tokens."
                : "no token key: the key comes from APP_SECRET_KEY, so keep that value too, or users must enter "
                + "their CVAT tokens again after a restore.")
                + " Scheduled backups are pruned to the newest few; backups made here are kept until deleted."));

        Button backupNow = new Button("Back up now", click -> run(() -> {
            Backup made = backups.create();
            success("Backup " + made.name() + " written (" + size(made.size()) + ")");
        }));
        backupNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        backupNow.setId("backup-now");
        add(backupNow);

        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Backup::name).setHeader("File").setKey("name").setWidth("10em").setFlexGrow(1);
        grid.addColumn(b -> size(b.size())).setHeader("Size").setKey("size").setAutoWidth(true);
        grid.addColumn(b -> Formats.timeWithSeconds(b.createdAt())).setHeader("Created").setKey("created").setAutoWidth(true);
        grid.addColumn(b -> b.scheduled() ? "scheduled" : "manual").setHeader("Kind").setKey("kind")
                .setAutoWidth(true);
        // a fixed width: Download and Delete stay on screen on a phone, where the file name wraps instead
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setWidth("11em").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No backups yet.");
        NarrowScreens.hideOnNarrow(grid, "size", "created", "kind");
        add(grid);

        if (compaction.supported()) {
            add(new H3("Database file"));
            fileState.setId("database-file");
            compactNow.setId("compact-now");
            compactNow.addClickListener(click -> {
                ConfirmDialog confirm = new ConfirmDialog("Compact the database file now?",
                        "Everyone's database work waits while the file is rewritten: a few seconds, longer for a "
                                + "large file. Nothing is lost.", "Compact", event -> compactInBackground());
                confirm.setCancelable(true);
                confirm.open();
            });
            add(fileState, compactNow);
        }

        add(new H3("Restore"));
        add(new Paragraph("Upload a backup zip (up to " + describe(maxUploadSize) + "). It is checked first (an H2 database with this app's tables), then "
                + "applied at the next start of the app, before the database opens. The current database is kept "
                + "in DATA_DIR/replaced-<time>/, never deleted."));
        upload = new Upload(UploadHandler.toTempFile((metadata, file) -> {
            try {
                BackupValidator.Contents contents = backups.scheduleRestore(file.toPath());
                success("Backup " + metadata.fileName() + " checked and scheduled for restore"
                        + (contents.hasSecretKey() ? " (with its token key)" : ""));
            } catch (BackupException e) {
                refused(e.getMessage());
            } finally {
                file.delete();
            }
            refresh();
        }));
        upload.setAcceptedFileTypes(".zip", "application/zip");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxUploadSize.toBytes()));
        String limit = "The file is larger than the " + describe(maxUploadSize) + " limit for backup uploads "
                + "(BACKUP_MAX_UPLOAD)";
        UploadI18N i18n = new UploadI18N();
        i18n.setError(new UploadI18N.Error().setFileIsTooBig(limit).setIncorrectFileType("Choose a .zip backup")
                .setTooManyFiles("Upload one backup at a time"));
        upload.setI18n(i18n);
        upload.addFileRejectedListener(event -> error(event.getErrorMessage()));
        upload.addFailedListener(event -> error("The upload of " + event.getFileName() + " failed: "
                + (event.getContentLength() > maxUploadSize.toBytes() ? limit : "try again")));
        upload.setId("restore-upload");
        add(upload, pending);
        refresh();
    }

    private HorizontalLayout actions(Backup backup) {
        Anchor download = new Anchor(DownloadHandler.forFile(backups.file(backup.name()).toFile(), backup.name()),
                "Download");
        download.setDownload(true);
        download.addClassName("backup-download");
        Button delete = new Button("Delete", click -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete " + backup.name() + "?",
                    "The file is removed from BACKUP_DIR.", "Delete", event -> run(() -> {
                        backups.delete(backup.name());
                        success("Deleted " + backup.name());
                    }));
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClassName("backup-delete");
        HorizontalLayout actions = new HorizontalLayout(download, delete);
        // the link and the button sit on one line (a bare button is taller than the link)
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        return actions;
    }

    /** The file is rewritten on the compaction's own thread; the page says so and shows the outcome when done. */
    private void compactInBackground() {
        compactNow.setEnabled(false);
        fileState.setText("Compacting the H2 file…");
        UI ui = UI.getCurrent();
        // the field is the stage after the outcome was handed to the UI, so whoever waits for it sees the outcome
        runningCompaction = compaction.compactInBackground().whenComplete((outcome, error) -> ui.access(() -> {
            compactNow.setEnabled(true);
            if (error != null) {
                error(Feedback.describe(error));
            } else if (outcome.compacted()) {
                success(outcome.message());
            } else {
                error(outcome.message());
            }
            refresh();
        }));
    }

    void refresh() {
        grid.setItems(backups.list());
        fileState.setText(compaction.state().map(state -> "The H2 file is " + size(state.bytes()) + ", about "
                + state.livePercent() + "% of it data. H2 writes each commit as new space and reclaims the rest "
                + "only when it compacts the file: at start and on a schedule (APP_H2_COMPACT_SCHEDULE, nightly by "
                + "default), when it is large and mostly free space" + (compaction.worthwhile(state) ? " (as now)."
                : ".")).orElse(""));
        pending.removeAll();
        backups.pendingRestore().ifPresent(stagedAt -> {
            Paragraph text = new Paragraph("Restore scheduled (uploaded " + Formats.timeWithSeconds(stagedAt)
                    + "): restart the app to apply it.");
            text.setId("restore-pending");
            Button cancel = new Button("Cancel restore", click -> run(() -> {
                backups.cancelRestore();
                success("The restore was cancelled");
            }));
            cancel.setId("cancel-restore");
            pending.add(text, cancel);
        });
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (BackupException | java.util.NoSuchElementException e) {
            error(e.getMessage());
        }
        refresh();
    }

    /** No green check stays beside a file that was refused. */
    private void refused(String message) {
        upload.clearFileList();
        error(message);
    }

    private static String describe(DataSize limit) {
        return limit.toMegabytes() >= 1024 && limit.toMegabytes() % 1024 == 0 ? limit.toGigabytes() + " GB"
                : limit.toMegabytes() + " MB";
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static void success(String message) {
        Feedback.success(message);
    }

    private static void error(String message) {
        Feedback.error(message);
    }
}
