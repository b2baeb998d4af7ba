package io.cvatqueue.backup;

/** A backup or restore that cannot be done; the message is for the admin. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
