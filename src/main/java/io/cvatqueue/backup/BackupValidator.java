package io.cvatqueue.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            Path temp = Files.createTempDirectory("cvat-queue-restore-check");
            try {
                try (InputStream in = zipFile.getInputStream(database)) {
                    Files.copy(in, temp.resolve("check.mv.db"), StandardCopyOption.REPLACE_EXISTING);
                }
                checkTables(temp.resolve("check"));
            } finally {
                deleteRecursively(temp);
            }
            return new Contents(database.getSize(), hasKey);
        } catch (ZipException e) {
            throw new BackupException("The file is not a zip file: choose a backup made by CVAT Queue Manager "
                    + "(queue-....zip)");
        } catch (IOException e) {
            throw new BackupException("The backup cannot be read: " + e.getMessage(), e);
        }
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
                    + "application or H2 version): " + firstLine(e.getMessage()), e);
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
