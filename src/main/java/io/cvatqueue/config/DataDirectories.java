package io.cvatqueue.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two directories the app writes to: its database and key ({@code DATA_DIR}) and backups ({@code BACKUP_DIR}). */
@Component
public class DataDirectories {

    private final Path dataDir;
    private final Path backupDir;

    public DataDirectories(@Value("${app.data-dir}") String dataDir, @Value("${app.backup-dir}") String backupDir) {
        this.dataDir = create(Path.of(dataDir));
        this.backupDir = create(Path.of(backupDir));
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path backupDir() {
        return backupDir;
    }

    private static Path create(Path dir) {
        try {
            return Files.createDirectories(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + dir.toAbsolutePath(), e);
        }
    }
}
