package io.cvatqueue.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled backups ({@code app.backup.schedule}, a cron expression; "-" turns them off). Only an H2 file
 * database is backed up; on PostgreSQL the database's own backups apply and this does nothing.
 */
@Component
class BackupScheduler {

    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);

    private final BackupService backups;

    BackupScheduler(BackupService backups) {
        this.backups = backups;
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
