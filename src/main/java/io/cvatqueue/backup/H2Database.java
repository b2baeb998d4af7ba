package io.cvatqueue.backup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an H2 file database lives, read from its JDBC URL ({@code jdbc:h2:file:./data/queue;...} ->
 * directory {@code ./data}, name {@code queue}, file {@code queue.mv.db}).
 */
public record H2Database(Path directory, String name) {

    public static Optional<H2Database> fromUrl(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
                || lower.startsWith("zip:") || lower.startsWith("nio") || rest.isBlank()) {
            // in memory, or on a server this app cannot reach as files: nothing to back up or restore here
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        Path path = Path.of(rest).toAbsolutePath().normalize();
        return Optional.of(new H2Database(path.getParent(), path.getFileName().toString()));
    }

    /** The database file, also the name of the entry in a backup zip. */
    public String fileName() {
        return name + ".mv.db";
    }

    public Path file() {
        return directory.resolve(fileName());
    }
}
