package io.cvatqueue.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Applies a restore staged as {@code DATA_DIR/restore-pending.zip}, before the database is opened: the live
 * database files (and secret.key, when the backup brings one) are moved to {@code DATA_DIR/replaced-<time>/},
 * never deleted, then the backup is unpacked in their place. If unpacking fails, the live files are moved back
 * and the start fails, so the app never runs on a half-restored database.
 */
public final class RestoreApplier {

    public static final String PENDING_FILE = "restore-pending.zip";
    private static final Logger log = LoggerFactory.getLogger(RestoreApplier.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RestoreApplier() {
    }

    /** @return the directory holding the replaced files, or empty when no restore was pending */
    public static Optional<Path> applyPending(Path dataDir, H2Database database, Clock clock) {
        Path pending = dataDir.resolve(PENDING_FILE);
        if (!Files.isRegularFile(pending)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(pending.toFile())) {
            ZipEntry dbEntry = zip.getEntry(database.fileName());
            if (dbEntry == null) {
                throw new IllegalStateException(pending + " holds no " + database.fileName()
                        + "; remove it to start with the current database");
            }
            ZipEntry keyEntry = zip.getEntry(BackupValidator.SECRET_KEY_ENTRY);
            Path aside = uniqueDirectory(dataDir, "replaced-" + LocalDateTime.now(clock).format(STAMP));
            List<Path[]> moved = new ArrayList<>();
            try {
                for (Path live : liveDatabaseFiles(database)) {
                    moved.add(moveAside(live, aside));
                }
                Path liveKey = dataDir.resolve(BackupValidator.SECRET_KEY_ENTRY);
                if (keyEntry != null && Files.exists(liveKey)) {
                    moved.add(moveAside(liveKey, aside));
                }
                Files.createDirectories(database.directory());
                extract(zip, dbEntry, database.file());
                if (keyEntry != null) {
                    extract(zip, keyEntry, liveKey);
                }
            } catch (IOException | RuntimeException e) {
                undo(moved, database, dataDir);
                throw new IllegalStateException("Restoring the backup " + pending + " failed; the database was left "
                        + "as it was: " + e.getMessage(), e);
            }
            zip.close();
            Files.move(pending, aside.resolve("applied-" + PENDING_FILE));
            log.warn("Restored the database from a backup. The replaced files are kept in {}{}", aside,
                    keyEntry == null ? "" : " (secret.key restored from the backup too)");
            return Optional.of(aside);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot apply the pending restore " + pending, e);
        }
    }

    private static List<Path> liveDatabaseFiles(H2Database database) throws IOException {
        if (!Files.isDirectory(database.directory())) {
            return List.of();
        }
        // queue.mv.db, queue.trace.db, queue.lock.db, ... but not queue-other.mv.db
        try (Stream<Path> files = Files.list(database.directory())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().startsWith(database.name() + "."))
                    .toList();
        }
    }

    private static Path[] moveAside(Path live, Path aside) throws IOException {
        Files.createDirectories(aside);
        Path target = aside.resolve(live.getFileName());
        Files.move(live, target);
        return new Path[]{live, target};
    }

    private static void extract(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".restoring");
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, target);
    }

    private static void undo(List<Path[]> moved, H2Database database, Path dataDir) {
        try {
            Files.deleteIfExists(database.file());
            for (Path[] pair : moved) {
                if (pair[0].getFileName().toString().equals(BackupValidator.SECRET_KEY_ENTRY)) {
                    Files.deleteIfExists(dataDir.resolve(BackupValidator.SECRET_KEY_ENTRY));
                }
                Files.move(pair[1], pair[0]);
            }
        } catch (IOException e) {
            log.error("Could not move the replaced database files back; they are in {}", moved.isEmpty() ? "-"
                    : moved.get(0)[1].getParent(), e);
        }
    }

    private static Path uniqueDirectory(Path parent, String name) {
        Path dir = parent.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(name + "-" + i);
        }
        return dir;
    }
}
