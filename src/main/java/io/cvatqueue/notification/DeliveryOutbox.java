package io.cvatqueue.notification;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The table notification_delivery. Rows are claimed with one conditional update each (status, lease and attempt
 * count in the condition), which is atomic on H2 and PostgreSQL alike: two nodes never send the same row at once,
 * and a row whose node died while sending is taken up again once its lease has run out.
 */
@Repository
class DeliveryOutbox {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DeliveryOutbox(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void enqueueEmail(String username, NotificationKind kind, String message, boolean forDigest, Instant now) {
        insert(Delivery.Channel.EMAIL, username, null, kind, message,
                forDigest ? Delivery.Status.HELD : Delivery.Status.PENDING, now);
    }

    void enqueueWebhook(long instanceId, NotificationKind kind, String text, Instant now) {
        insert(Delivery.Channel.WEBHOOK, null, instanceId, kind, text, Delivery.Status.PENDING, now);
    }

    private long insert(Delivery.Channel channel, String recipient, Long instanceId, NotificationKind kind,
                        String message, Delivery.Status status, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("insert into notification_delivery (channel, recipient, instance_id, kind, message, status, "
                        + "attempts, next_attempt_at, created_at) values (:channel, :recipient, :instanceId, :kind, "
                        + ":message, :status, 0, :now, :now)",
                new MapSqlParameterSource("channel", channel.name()).addValue("recipient", recipient)
                        .addValue("instanceId", instanceId).addValue("kind", kind == null ? null : kind.name())
                        .addValue("message", truncate(message, 1200)).addValue("status", status.name())
                        .addValue("now", Timestamp.from(now)), key, new String[]{"id"});
        return key.getKey().longValue();
    }

    /** Rows to send now: due pending ones, and ones whose sender's lease ran out. */
    List<Delivery> due(Instant now, int limit) {
        return jdbc.query("select * from notification_delivery where (status = 'PENDING' and next_attempt_at <= :now) "
                        + "or (status = 'SENDING' and claimed_until < :now) order by id limit :limit",
                new MapSqlParameterSource("now", Timestamp.from(now)).addValue("limit", limit), this::row);
    }

    /** Claims one attempt; false when another node or thread claimed the row first. */
    boolean claim(Delivery delivery, Instant now, Instant leaseUntil) {
        return jdbc.update("update notification_delivery set status = 'SENDING', attempts = attempts + 1, "
                        + "claimed_until = :lease where id = :id and attempts = :attempts and ((status = 'PENDING' "
                        + "and next_attempt_at <= :now) or (status = 'SENDING' and claimed_until < :now))",
                new MapSqlParameterSource("id", delivery.id()).addValue("attempts", delivery.attempts())
                        .addValue("now", Timestamp.from(now)).addValue("lease", Timestamp.from(leaseUntil))) == 1;
    }

    void sent(long id, Instant at) {
        jdbc.update("update notification_delivery set status = 'SENT', sent_at = :at, claimed_until = null, "
                + "last_error = null where id = :id", new MapSqlParameterSource("id", id).addValue("at", Timestamp.from(at)));
    }

    /** A failed attempt: tried again at {@code retryAt}, or never (null: failed for good, until an admin retries). */
    void attemptFailed(long id, String error, Instant retryAt) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", id).addValue("error", truncate(error, 1000));
        if (retryAt == null) {
            jdbc.update("update notification_delivery set status = 'FAILED', last_error = :error, claimed_until = null "
                    + "where id = :id", params);
        } else {
            jdbc.update("update notification_delivery set status = 'PENDING', last_error = :error, claimed_until = null, "
                    + "next_attempt_at = :retryAt where id = :id", params.addValue("retryAt", Timestamp.from(retryAt)));
        }
    }

    /**
     * Bundles each user's held e-mails into one digest row. Per user in its own transaction: the held rows are
     * taken by an update that only matches rows still held, so when two nodes bundle at once, the second finds
     * nothing left and drops its empty digest.
     *
     * @return how many digests were made
     */
    int bundleDigests(Instant now) {
        List<String> recipients = jdbc.queryForList("select distinct recipient from notification_delivery "
                + "where status = 'HELD'", new MapSqlParameterSource(), String.class);
        int made = 0;
        for (String recipient : recipients) {
            Boolean bundled = transactions.execute(tx -> {
                long digestId = insert(Delivery.Channel.DIGEST, recipient, null, null, "Daily digest",
                        Delivery.Status.PENDING, now);
                int items = jdbc.update("update notification_delivery set status = 'BUNDLED', digest_id = :digestId "
                                + "where recipient = :recipient and status = 'HELD' and created_at <= :now",
                        new MapSqlParameterSource("digestId", digestId).addValue("recipient", recipient)
                                .addValue("now", Timestamp.from(now)));
                if (items == 0) {
                    tx.setRollbackOnly();
                    return false;
                }
                jdbc.update("update notification_delivery set message = :message where id = :id",
                        new MapSqlParameterSource("id", digestId).addValue("message",
                                "Daily digest of " + items + " notification" + (items == 1 ? "" : "s")));
                return true;
            });
            if (Boolean.TRUE.equals(bundled)) {
                made++;
            }
        }
        return made;
    }

    /** The notifications a digest bundles, oldest first. */
    List<Delivery> digestItems(long digestId) {
        return jdbc.query("select * from notification_delivery where digest_id = :digestId order by created_at, id",
                new MapSqlParameterSource("digestId", digestId), this::row);
    }

    Optional<Delivery> find(long id) {
        return jdbc.query("select * from notification_delivery where id = :id", new MapSqlParameterSource("id", id),
                this::row).stream().findFirst();
    }

    /** Rows in these states, failed ones first, then the newest. */
    List<Delivery> list(List<Delivery.Status> statuses, int limit) {
        return jdbc.query("select * from notification_delivery where status in (:statuses) "
                        + "order by case when status = 'FAILED' then 0 else 1 end, id desc limit :limit",
                new MapSqlParameterSource("statuses", statuses.stream().map(Enum::name).toList())
                        .addValue("limit", limit), this::row);
    }

    long count(Delivery.Status status) {
        Long count = jdbc.queryForObject("select count(*) from notification_delivery where status = :status",
                new MapSqlParameterSource("status", status.name()), Long.class);
        return count == null ? 0 : count;
    }

    /** Makes a failed or waiting row due now; false when it was sent (or is being sent) meanwhile. */
    boolean retryNow(long id, Instant now) {
        return jdbc.update("update notification_delivery set status = 'PENDING', next_attempt_at = :now "
                        + "where id = :id and status in ('FAILED', 'PENDING')",
                new MapSqlParameterSource("id", id).addValue("now", Timestamp.from(now))) == 1;
    }

    int retryAllFailed(Instant now) {
        return jdbc.update("update notification_delivery set status = 'PENDING', next_attempt_at = :now "
                + "where status = 'FAILED'", new MapSqlParameterSource("now", Timestamp.from(now)));
    }

    private Delivery row(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("kind");
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Delivery(rs.getLong("id"), Delivery.Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), (Long) rs.getObject("instance_id", Long.class),
                kind == null ? null : Arrays.stream(NotificationKind.values()).filter(k -> k.name().equals(kind))
                        .findFirst().orElse(null),
                rs.getString("message"), Delivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
