package io.cvatqueue.backup;

import java.time.Instant;

/** A backup file in BACKUP_DIR. Scheduled ones are pruned to the newest {@code app.backup.keep}. */
public record Backup(String name, long size, Instant createdAt, boolean scheduled) {
}
