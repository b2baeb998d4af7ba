package io.cvatqueue.backup;

import io.cvatqueue.config.DataDirectories;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups of a live H2 file database with the app's schema (Flyway migrations plus Camunda's engine tables), in
 * temporary directories. In-memory H2 refuses BACKUP TO ("Database is not persistent"), hence a file database.
 */
class BackupServiceTest {

    @TempDir
    Path root;

    Path dataDir;
    Path backupDir;
    MutableClock clock;
    DriverManagerDataSource dataSource;
    BackupService backups;

    @BeforeEach
    void liveDatabaseWithTheAppsSchema() throws IOException {
        dataDir = root.resolve("data");
        backupDir = root.resolve("backups");
        dataSource = new DriverManagerDataSource(
                "jdbc:h2:file:" + dataDir.resolve("queue") + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("app_schema_history")
                .load().migrate();
        new ResourceDatabasePopulator(new ClassPathResource(
                "org/camunda/bpm/engine/db/create/activiti.h2.create.engine.sql")).execute(dataSource);
        Files.writeString(dataDir.resolve("secret.key"), "the-token-key");
        clock = new MutableClock(Instant.parse("2025-03-04T05:06:07Z"));
        backups = service(7);
    }

    @Test
    void backupIsAZipOfTheDatabaseAndTheTokenKey() throws IOException {
        Backup backup = backups.create();

        assertThat(backup.name()).isEqualTo("queue-20250304-050607.zip");
        assertThat(backup.scheduled()).isFalse();
        try (ZipFile zip = new ZipFile(backupDir.resolve(backup.name()).toFile())) {
            assertThat(zip.getEntry("queue.mv.db")).isNotNull();
            assertThat(new String(zip.getInputStream(zip.getEntry("secret.key")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("the-token-key");
        }
        assertThat(backups.list()).extracting(Backup::name).containsExactly(backup.name());
    }

    @Test
    void backupsInTheSameSecondNeverOverwriteEachOther() {
        Backup first = backups.create();
        Backup second = backups.create();

        assertThat(second.name()).isEqualTo("queue-20250304-050607-2.zip");
        assertThat(backups.list()).extracting(Backup::name).containsExactlyInAnyOrder(first.name(), second.name());
    }

    @Test
    void scheduledBackupsArePrunedToTheNewestAndManualOnesAreKept() {
        backups = service(2);
        Backup manual = backups.create();
        for (int i = 0; i < 4; i++) {
            clock.advanceSeconds(60);
            backups.createScheduled();
        }

        assertThat(backups.list()).extracting(Backup::name).containsExactlyInAnyOrder(manual.name(),
                "queue-20250304-051007-scheduled.zip", "queue-20250304-050907-scheduled.zip");
    }

    @Test
    void deleteRemovesOnlyListedBackups() {
        Backup backup = backups.create();

        backups.delete(backup.name());

        assertThat(backups.list()).isEmpty();
        assertThatThrownBy(() -> backups.delete("../data/queue.mv.db")).isInstanceOf(NoSuchElementException.class);
        assertThat(dataDir.resolve("queue.mv.db")).exists();
    }

    @Test
    void restoreRefusesAFileThatIsNotAZip() throws IOException {
        Path upload = Files.writeString(root.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> backups.scheduleRestore(upload)).isInstanceOf(BackupException.class)
                .hasMessageContaining("not a zip file");
        assertThat(backups.pendingRestore()).isEmpty();
    }

    @Test
    void restoreRefusesAZipWithoutTheDatabase() throws IOException {
        Path upload = zip("photos.zip", Map.of("cat.jpg", "meow".getBytes()));

        assertThatThrownBy(() -> backups.scheduleRestore(upload)).isInstanceOf(BackupException.class)
                .hasMessageContaining("does not contain queue.mv.db");
    }

    @Test
    void restoreStopsUnpackingAZipBombEarlyAndNamesNoTemporaryPath() throws IOException {
        Path upload = root.resolve("bomb.zip");
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(upload))) {
            out.setLevel(9);
            out.putNextEntry(new java.util.zip.ZipEntry("queue.mv.db"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 512; i++) { // 512 MiB of zeros pack to about half a MB
                out.write(zeros);
            }
            out.closeEntry();
        }
        java.util.concurrent.atomic.AtomicLong largestTemp = new java.util.concurrent.atomic.AtomicLong();
        Thread watcher = new Thread(() -> watchTempDirectories(largestTemp));
        watcher.setDaemon(true);
        watcher.start();

        assertThatThrownBy(() -> backups.scheduleRestore(upload)).isInstanceOf(BackupException.class)
                .hasMessageContaining("times its packed size")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(System.getProperty("java.io.tmpdir")));
        watcher.interrupt();
        assertThat(largestTemp.get()).as("bytes unpacked before the refusal").isLessThan(128L * 1024 * 1024);
        assertThat(backups.pendingRestore()).isEmpty();
    }

    /** Records the largest restore-check file seen in the temp directory until interrupted. */
    private static void watchTempDirectories(java.util.concurrent.atomic.AtomicLong largest) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        while (!Thread.currentThread().isInterrupted()) {
            try (var dirs = java.nio.file.Files.newDirectoryStream(tmp, "cvat-queue-restore-check*")) {
                for (Path dir : dirs) {
                    Path file = dir.resolve("check.mv.db");
                    if (java.nio.file.Files.exists(file)) {
                        largest.accumulateAndGet(java.nio.file.Files.size(file), Math::max);
                    }
                }
            } catch (IOException e) {
                // the directory vanished between listing and reading: look again
            }
        }
    }

    @Test
    void restoreRefusesADamagedDatabase() throws IOException {
        Path upload = zip("damaged.zip", Map.of("queue.mv.db", "definitely not H2".repeat(500).getBytes()));

        assertThatThrownBy(() -> backups.scheduleRestore(upload)).isInstanceOf(BackupException.class)
                .hasMessageContaining("cannot be opened");
    }

    @Test
    void restoreRefusesAnotherApplicationsH2Database() throws Exception {
        Path foreign = root.resolve("foreign");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + foreign.resolve("queue"), "sa", "")) {
            c.createStatement().execute("create table invoice (id int)");
        }
        Path upload = zip("foreign.zip", Map.of("queue.mv.db", Files.readAllBytes(foreign.resolve("queue.mv.db"))));

        assertThatThrownBy(() -> backups.scheduleRestore(upload)).isInstanceOf(BackupException.class)
                .hasMessageContaining("not CVAT Queue Manager's")
                .hasMessageContaining("APP_SCHEMA_HISTORY, REVIEW, ACT_RU_EXECUTION");
    }

    @Test
    void realBackupIsAcceptedStagedAndCanBeCancelled() {
        Backup backup = backups.create();

        BackupValidator.Contents contents = backups.scheduleRestore(backupDir.resolve(backup.name()));

        assertThat(contents.hasSecretKey()).isTrue();
        assertThat(backups.pendingRestore()).isPresent();
        assertThat(dataDir.resolve(RestoreApplier.PENDING_FILE)).exists();
        backups.cancelRestore();
        assertThat(backups.pendingRestore()).isEmpty();
    }

    @Test
    void stagedBackupRestoresTheDataAsItWasWhenBackedUp() throws Exception {
        Backup backup = backups.create();
        backups.scheduleRestore(backupDir.resolve(backup.name()));
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("delete from rejection_reason");
        }
        long reasonsInBackup;

        // the app stops (H2 closes its file), then starts and applies the restore before opening the database
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("shutdown");
        }
        RestoreApplier.applyPending(dataDir, H2Database.fromUrl(dataSource.getUrl()).orElseThrow(), clock);

        try (Connection c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery("select count(*) from rejection_reason")) {
            rs.next();
            reasonsInBackup = rs.getLong(1);
        }
        assertThat(reasonsInBackup).isPositive();
    }

    @Test
    void anInMemoryDatabaseIsNotSupported() {
        BackupService inMemory = new BackupService(new DriverManagerDataSource("jdbc:h2:mem:backup-test", "sa", ""),
                new DataDirectories(dataDir.toString(), backupDir.toString()), clock, 7, "sa", "", "");

        assertThat(inMemory.supported()).isFalse();
        assertThatThrownBy(inMemory::create).isInstanceOf(BackupException.class).hasMessageContaining("pg_dump");
    }

    private BackupService service(int keep) {
        return new BackupService(dataSource, new DataDirectories(dataDir.toString(), backupDir.toString()), clock,
                keep, "sa", "", "");
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = root.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    /** A clock the test moves forward; backup names carry its time. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
