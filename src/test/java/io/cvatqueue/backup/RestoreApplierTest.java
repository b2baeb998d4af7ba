package io.cvatqueue.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying a staged restore at start, on files only. */
class RestoreApplierTest {

    @TempDir
    Path dataDir;

    final Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

    H2Database database() {
        return H2Database.fromUrl("jdbc:h2:file:" + dataDir.resolve("queue") + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE")
                .orElseThrow();
    }

    @Test
    void liveFilesAreMovedAsideAndTheBackupUnpackedInTheirPlace() throws IOException {
        Files.writeString(dataDir.resolve("queue.mv.db"), "live database");
        Files.writeString(dataDir.resolve("queue.trace.db"), "live trace");
        Files.writeString(dataDir.resolve("secret.key"), "live key");
        Files.writeString(dataDir.resolve("other.mv.db"), "not ours");
        stage(Map.of("queue.mv.db", "backup database", "secret.key", "backup key"));

        Optional<Path> aside = RestoreApplier.applyPending(dataDir, database(), clock);

        assertThat(aside).contains(dataDir.resolve("replaced-20250304-050607"));
        assertThat(dataDir.resolve("queue.mv.db")).hasContent("backup database");
        assertThat(dataDir.resolve("secret.key")).hasContent("backup key");
        assertThat(dataDir.resolve("queue.trace.db")).doesNotExist();
        assertThat(dataDir.resolve("other.mv.db")).hasContent("not ours");
        Path replaced = aside.orElseThrow();
        assertThat(replaced.resolve("queue.mv.db")).hasContent("live database");
        assertThat(replaced.resolve("queue.trace.db")).hasContent("live trace");
        assertThat(replaced.resolve("secret.key")).hasContent("live key");
        assertThat(replaced.resolve("applied-restore-pending.zip")).exists();
        assertThat(dataDir.resolve(RestoreApplier.PENDING_FILE)).doesNotExist();
    }

    @Test
    void withoutAKeyInTheBackupTheLiveKeyStays() throws IOException {
        Files.writeString(dataDir.resolve("queue.mv.db"), "live database");
        Files.writeString(dataDir.resolve("secret.key"), "live key");
        stage(Map.of("queue.mv.db", "backup database"));

        RestoreApplier.applyPending(dataDir, database(), clock);

        assertThat(dataDir.resolve("secret.key")).hasContent("live key");
        assertThat(dataDir.resolve("queue.mv.db")).hasContent("backup database");
    }

    @Test
    void nothingHappensWithoutAPendingRestore() throws IOException {
        Files.writeString(dataDir.resolve("queue.mv.db"), "live database");

        assertThat(RestoreApplier.applyPending(dataDir, database(), clock)).isEmpty();
        assertThat(dataDir.resolve("queue.mv.db")).hasContent("live database");
    }

    @Test
    void secondRestoreInTheSameSecondGetsItsOwnAsideDirectory() throws IOException {
        Files.writeString(dataDir.resolve("queue.mv.db"), "first");
        stage(Map.of("queue.mv.db", "second"));
        RestoreApplier.applyPending(dataDir, database(), clock);
        stage(Map.of("queue.mv.db", "third"));

        Optional<Path> aside = RestoreApplier.applyPending(dataDir, database(), clock);

        assertThat(aside).contains(dataDir.resolve("replaced-20250304-050607-2"));
        assertThat(aside.orElseThrow().resolve("queue.mv.db")).hasContent("second");
    }

    @Test
    void databaseLocationIsReadFromTheJdbcUrl() {
        assertThat(H2Database.fromUrl("jdbc:h2:file:/srv/data/queue;CASE_INSENSITIVE_IDENTIFIERS=TRUE"))
                .contains(new H2Database(Path.of("/srv/data"), "queue"));
        assertThat(H2Database.fromUrl("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(H2Database.fromUrl("jdbc:postgresql://db/queue")).isEmpty();
    }

    private void stage(Map<String, String> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(
                dataDir.resolve(RestoreApplier.PENDING_FILE)))) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes());
                out.closeEntry();
            }
        }
    }
}
