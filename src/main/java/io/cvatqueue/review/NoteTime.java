package io.cvatqueue.review;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times inside stored text (audit notes, queue notes, messages of the services): such text is read later in any time
 * zone, so it says UTC. Screens format times of their own in the browser's zone.
 */
public final class NoteTime {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private NoteTime() {
    }

    /** e.g. 2026-12-08 00:00 UTC */
    public static String format(Instant instant) {
        return UTC.format(instant);
    }
}
