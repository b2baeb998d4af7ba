package io.cvatqueue.backup;

import io.cvatqueue.config.DataDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backups of the H2 database while the app runs. H2's {@code BACKUP TO} writes a transactionally consistent zip
 * of the database file; the token key {@code DATA_DIR/secret.key} is added to it, because the CVAT tokens in the
 * database can only be decrypted with it. Restores are validated and staged here and applied at the next start
 * ({@link PendingRestoreStartup}). On PostgreSQL none of this applies: pg_dump and pg_restore do the job.
 */
@Service
public class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern NAME = Pattern.compile("queue-\\d{8}-\\d{6}(-scheduled)?(-\\d+)?\\.zip");
    private static final String SCHEDULED = "-scheduled";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final DataDirectories directories;
    private final Clock clock;
    private final int keep;
    private final String username;
    private final String password;
    private volatile Optional<H2Database> database;
    private volatile String databaseProduct;
    /** With APP_SECRET_KEY set, TokenCipher ignores DATA_DIR/secret.key; a leftover file is not the key. */
    private final boolean secretKeyFromEnvironment;

    public BackupService(DataSource dataSource, DataDirectories directories, Clock clock,
                         @Value("${app.backup.keep:7}") int keep,
                         @Value("${spring.datasource.username:sa}") String username,
                         @Value("${spring.datasource.password:}") String password,
                         @Value("${app.secret-key:}") String secretKey) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.directories = directories;
        this.clock = clock;
        this.keep = Math.max(1, keep);
        this.username = username;
        this.password = password;
        this.secretKeyFromEnvironment = secretKey != null && !secretKey.isBlank();
    }

    /** True when the database is an H2 file this app can back up and restore. */
    public boolean supported() {
        return database().isPresent();
    }

    /** "H2", "PostgreSQL", ... as the JDBC driver names it. */
    public String databaseProduct() {
        database();
        return databaseProduct;
    }

    @Secured("ROLE_ADMIN")
    public Backup create() {
        return write(false);
    }

    /** For the schedule, which runs without a logged-in user; also prunes old scheduled backups. */
    public Backup createScheduled() {
        Backup backup = write(true);
        prune();
        return backup;
    }

    /** Newest first. */
    @Secured("ROLE_ADMIN")
    public List<Backup> list() {
        return backups();
    }

    /** The file of a listed backup, for downloading. */
    @Secured("ROLE_ADMIN")
    public Path file(String name) {
        return existing(name);
    }

    @Secured("ROLE_ADMIN")
    public void delete(String name) {
        try {
            Files.delete(existing(name));
            log.info("Deleted backup {}", name);
        } catch (IOException e) {
            throw new BackupException("Cannot delete " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks an uploaded backup and stages it for the next start, replacing an earlier staged one.
     *
     * @throws BackupException when the file is not a usable backup of this app; nothing is staged then
     */
    @Secured("ROLE_ADMIN")
    public BackupValidator.Contents scheduleRestore(Path upload) {
        H2Database db = requireH2();
        BackupValidator.Contents contents = new BackupValidator(db.fileName(), username, password).check(upload);
        Path pending = pendingFile();
        Path temp = pending.resolveSibling(RestoreApplier.PENDING_FILE + ".tmp");
        try {
            Files.copy(upload, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, pending, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BackupException("Cannot stage the restore: " + e.getMessage(), e);
        }
        log.warn("A restore from an uploaded backup is staged at {}; it is applied at the next start", pending);
        return contents;
    }

    @Secured("ROLE_ADMIN")
    public Optional<Instant> pendingRestore() {
        Path pending = pendingFile();
        try {
            return Files.isRegularFile(pending) ? Optional.of(Files.getLastModifiedTime(pending).toInstant())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Secured("ROLE_ADMIN")
    public void cancelRestore() {
        try {
            if (Files.deleteIfExists(pendingFile())) {
                log.info("The staged restore was cancelled");
            }
        } catch (IOException e) {
            throw new BackupException("Cannot cancel the restore: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the token key is DATA_DIR/secret.key, and so goes into every backup. False when APP_SECRET_KEY is
     * set: then that secret must be kept with the backups.
     */
    public boolean keyFileInUse() {
        return !secretKeyFromEnvironment
                && Files.exists(directories.dataDir().resolve(BackupValidator.SECRET_KEY_ENTRY));
    }

    private Backup write(boolean scheduled) {
        requireH2();
        Path dir = directories.backupDir();
        Path temp = dir.resolve(".creating-" + UUID.randomUUID() + ".zip");
        try {
            jdbc.execute("BACKUP TO '" + temp.toString().replace("'", "''") + "'");
            Path key = directories.dataDir().resolve(BackupValidator.SECRET_KEY_ENTRY);
            if (keyFileInUse()) {
                try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + temp.toUri()), Map.of())) {
                    Files.copy(key, zip.getPath(BackupValidator.SECRET_KEY_ENTRY));
                }
            }
            Path target = moveToFreeName(temp, dir, "queue-" + LocalDateTime.now(clock).format(STAMP)
                    + (scheduled ? SCHEDULED : ""));
            log.info("Backup written to {}", target);
            return describe(target);
        } catch (IOException e) {
            throw new BackupException("Cannot write the backup: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray temp file is hidden from the list and harmless
            }
        }
    }

    /** Never overwrites: two backups in the same second get -2, -3, ... */
    private static Path moveToFreeName(Path temp, Path dir, String base) throws IOException {
        for (int i = 1; ; i++) {
            Path target = dir.resolve(base + (i == 1 ? "" : "-" + i) + ".zip");
            if (Files.exists(target)) {
                continue;
            }
            try {
                return Files.move(temp, target);
            } catch (FileAlreadyExistsException e) {
                // taken between the check and the move: try the next name
            }
        }
    }

    private void prune() {
        List<Backup> scheduled = backups().stream().filter(Backup::scheduled).toList();
        for (Backup old : scheduled.subList(Math.min(keep, scheduled.size()), scheduled.size())) {
            try {
                Files.deleteIfExists(directories.backupDir().resolve(old.name()));
                log.info("Deleted old scheduled backup {} (keeping {})", old.name(), keep);
            } catch (IOException e) {
                log.warn("Cannot delete old backup {}: {}", old.name(), e.getMessage());
            }
        }
    }

    private List<Backup> backups() {
        try (Stream<Path> files = Files.list(directories.backupDir())) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .map(this::describe)
                    .sorted(Comparator.comparing(Backup::createdAt).thenComparing(Backup::name).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directories.backupDir(), e);
        }
    }

    private Backup describe(Path file) {
        try {
            String name = file.getFileName().toString();
            return new Backup(name, Files.size(file), Files.getLastModifiedTime(file).toInstant(),
                    name.contains(SCHEDULED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only names the list shows: no way out of BACKUP_DIR with "../". */
    private Path existing(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NoSuchElementException("No backup named " + name);
        }
        Path file = directories.backupDir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchElementException("No backup named " + name);
        }
        return file;
    }

    private Path pendingFile() {
        return directories.dataDir().resolve(RestoreApplier.PENDING_FILE);
    }

    private H2Database requireH2() {
        return database().orElseThrow(() -> new BackupException("Backups here need an H2 database in a file; this "
                + "one is " + databaseProduct() + " elsewhere. Use the database's own tools (for PostgreSQL: "
                + "pg_dump / pg_restore)"));
    }

    private Optional<H2Database> database() {
        Optional<H2Database> known = database;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                databaseProduct = connection.getMetaData().getDatabaseProductName();
                known = H2Database.fromUrl(connection.getMetaData().getURL());
            } catch (SQLException e) {
                throw new BackupException("Cannot reach the database: " + e.getMessage(), e);
            }
            database = known;
        }
        return known;
    }
}
