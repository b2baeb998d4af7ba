package io.cvatqueue.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Decides whether an uploaded file is a backup of this app before it may replace the database: a zip, holding
 * the H2 database file, which H2 can open and which has the app's and Camunda's tables. The database is opened
 * read-only from a temporary copy, never in place.
 */
public class BackupValidator {

    /** Tables whose presence says "this is a CVAT Queue Manager database": the app's, and Camunda's runtime. */
    static final List<String> REQUIRED_TABLES = List.of("APP_SCHEMA_HISTORY", "REVIEW", "ACT_RU_EXECUTION");
    static final String SECRET_KEY_ENTRY = "secret.key";
    /** Largest database a backup may unpack to; the H2 file of a busy team is a few GB at most. */
    static final long MAX_UNPACKED_BYTES = 16L * 1024 * 1024 * 1024;
    /**
     * Largest compression ratio believed: H2 files compress well (empty pages), but not a thousandfold; a zip bomb
     * does. Only checked beyond {@link #RATIO_CHECK_FROM} bytes, where small files may compress arbitrarily.
     */
    static final long MAX_RATIO = 200;
    static final long RATIO_CHECK_FROM = 64L * 1024 * 1024;

    private final String databaseFileName;
    private final String username;
    private final String password;

    /**
     * @param databaseFileName e.g. {@code queue.mv.db}
     * @param username         credentials of the database (stored inside the H2 file, so the live ones)
     */
    public BackupValidator(String databaseFileName, String username, String password) {
        this.databaseFileName = databaseFileName;
        this.username = username;
        this.password = password;
    }

    /** @throws BackupException saying why the file is not a usable backup */
    public Contents check(Path zip) {
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            ZipEntry database = zipFile.getEntry(databaseFileName);
            if (database == null || database.isDirectory()) {
                throw new BackupException("The zip file does not contain " + databaseFileName
                        + ": it is not a backup of CVAT Queue Manager");
            }
            boolean hasKey = zipFile.getEntry(SECRET_KEY_ENTRY) != null;
            long compressed = Math.max(1, database.getCompressedSize() > 0 ? database.getCompressedSize()
                    : Files.size(zip));
            Path temp = Files.createTempDirectory("cvat-queue-restore-check");
            try {
                long unpacked;
                try (InputStream in = zipFile.getInputStream(database)) {
                    unpacked = copyBounded(in, temp.resolve("check.mv.db"), compressed);
                }
                checkTables(temp.resolve("check"));
                return new Contents(unpacked, hasKey);
            } finally {
                deleteRecursively(temp);
            }
        } catch (ZipException e) {
            throw new BackupException("The file is not a zip file, or a damaged one: choose a backup made by CVAT "
                    + "Queue Manager (queue-....zip)");
        } catch (IOException e) {
            // the message of an IOException may name temporary paths: users get what to do instead
            throw new BackupException("The backup cannot be read: the zip file is damaged or incomplete. Upload "
                    + "it again, or choose another backup", e);
        }
    }

    /**
     * Unpacks the database entry, stopping as soon as it grows past the size or ratio limits, so that a zip bomb
     * never fills the disk; the declared sizes in a zip header are not trusted.
     */
    private static long copyBounded(InputStream in, Path target, long compressedBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (var out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > MAX_UNPACKED_BYTES) {
                    throw new BackupException("The database in the backup unpacks to more than "
                            + MAX_UNPACKED_BYTES / (1024 * 1024 * 1024) + " GB: it is not a backup of this app");
                }
                if (total > RATIO_CHECK_FROM && total / compressedBytes > MAX_RATIO) {
                    throw new BackupException("The database in the backup unpacks to more than " + MAX_RATIO
                            + " times its packed size, which no real database does: the file was refused unread");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private void checkTables(Path databaseBase) {
        // read-only and IFEXISTS: a bad file must not be "repaired" or replaced by a fresh empty database
        String url = "jdbc:h2:file:" + databaseBase + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        Set<String> tables = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, username, password);
             ResultSet rs = connection.createStatement().executeQuery(
                     "select table_name from information_schema.tables")) {
            while (rs.next()) {
                tables.add(rs.getString(1).toUpperCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new BackupException("The database in the backup cannot be opened (damaged, or from another "
                    + "application or H2 version): " + firstLine(e.getMessage())
                    .replace(databaseBase.getParent().toString(), "<backup>"), e);
        }
        List<String> missing = new ArrayList<>(REQUIRED_TABLES);
        missing.removeAll(tables);
        if (!missing.isEmpty()) {
            throw new BackupException("The database in the backup is not CVAT Queue Manager's: it lacks the tables "
                    + String.join(", ", missing));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * What a valid backup holds.
     *
     * @param hasSecretKey whether it carries DATA_DIR/secret.key, the key of the stored CVAT tokens
     */
    public record Contents(long databaseBytes, boolean hasSecretKey) {
    }
}
