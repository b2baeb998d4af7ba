package io.cvatqueue.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled backups ({@code app.backup.schedule}, a cron expression; "-" turns them off) and compaction of the H2
 * file ({@code app.h2.compact-schedule}, when most of the file is garbage). Only an H2 file database is backed up
 * and compacted; on PostgreSQL the database's own backups apply and this does nothing.
 */
@Component
class BackupScheduler {

    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);

    private final BackupService backups;
    private final H2FileCompaction compaction;

    BackupScheduler(BackupService backups, H2FileCompaction compaction) {
        this.backups = backups;
        this.compaction = compaction;
    }

    @Scheduled(cron = "${app.h2.compact-schedule:0 45 1 * * *}")
    void compact() {
        try {
            compaction.compactIfWorthwhile();
        } catch (BackupException e) {
            log.error("Scheduled compaction of the H2 file failed: {}", e.getMessage(), e);
        }
    }

    @Scheduled(cron = "${app.backup.schedule:0 0 2 * * *}")
    void backUp() {
        if (!backups.supported()) {
            return;
        }
        try {
            backups.createScheduled();
        } catch (BackupException e) {
            log.error("Scheduled backup failed: {}", e.getMessage(), e);
        }
    }
}
