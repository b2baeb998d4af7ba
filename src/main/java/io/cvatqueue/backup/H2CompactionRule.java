package io.cvatqueue.backup;

import org.springframework.core.env.PropertyResolver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * When the H2 file is worth compacting, the same at start ({@link H2StartupCompaction}) and while the app runs
 * ({@link H2FileCompaction}): larger than {@code app.h2.compact-above-mb} (negative: never) and less than
 * {@code app.h2.compact-below-fill-percent} of it live data.
 */
record H2CompactionRule(long aboveBytes, int belowLivePercent) {

    static H2CompactionRule of(PropertyResolver properties) {
        return new H2CompactionRule(properties.getProperty("app.h2.compact-above-mb", Long.class, 64L) * 1024 * 1024,
                properties.getProperty("app.h2.compact-below-fill-percent", Integer.class, 50));
    }

    /** Large enough to look at how much of it is data (which needs the database open). */
    boolean large(long bytes) {
        return aboveBytes >= 0 && bytes >= aboveBytes;
    }

    boolean worthwhile(long bytes, int livePercent) {
        return large(bytes) && livePercent < belowLivePercent;
    }

    /**
     * Roughly how much of the file is live data, as H2 reports it: the share of the file its chunks use, times the
     * share of the chunks that is live.
     */
    static int livePercent(Connection connection) throws SQLException {
        int fileFill = 100;
        int chunksFill = 100;
        try (ResultSet settings = connection.createStatement().executeQuery("select setting_name, setting_value "
                + "from information_schema.settings where setting_name in ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (settings.next()) {
                int percent = Integer.parseInt(settings.getString(2).trim());
                if (settings.getString(1).equals("info.FILL_RATE")) {
                    fileFill = percent;
                } else {
                    chunksFill = percent;
                }
            }
        }
        return fileFill * chunksFill / 100;
    }
}
