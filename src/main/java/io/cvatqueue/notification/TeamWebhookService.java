package io.cvatqueue.notification;

import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each team's incoming webhook (table team_webhook): which kinds go there, and the URL, encrypted like CVAT tokens
 * because whoever has it can post to the team's channel.
 */
@Service
public class TeamWebhookService {

    private final NamedParameterJdbcTemplate jdbc;
    private final CvatInstanceService instances;
    private final TokenCipher cipher;
    private final WebhookChannel channel;
    private final Clock clock;

    public TeamWebhookService(NamedParameterJdbcTemplate jdbc, CvatInstanceService instances, TokenCipher cipher,
                              WebhookChannel channel, Clock clock) {
        this.jdbc = jdbc;
        this.instances = instances;
        this.cipher = cipher;
        this.channel = channel;
        this.clock = clock;
    }

    /** Every instance with its webhook, if it has one, by name. */
    @Secured("ROLE_ADMIN")
    public List<TeamWebhook> list() {
        return instances.list().stream().sorted(Comparator.comparing(CvatInstance::name))
                .map(instance -> get(instance.id(), instance.name())).toList();
    }

    @Secured("ROLE_ADMIN")
    public TeamWebhook get(long instanceId) {
        return get(instanceId, instances.get(instanceId).name());
    }

    /**
     * Sets the team's webhook. A blank URL keeps the stored one (the screen never shows it back).
     *
     * @throws NotificationException for an address that is not http(s), or no URL for a new webhook
     */
    @Secured("ROLE_ADMIN")
    @Transactional
    public TeamWebhook save(long instanceId, String url, Set<NotificationKind> kinds, String updatedBy) {
        CvatInstance instance = instances.get(instanceId);
        boolean exists = stored(instanceId).isPresent();
        MapSqlParameterSource params = new MapSqlParameterSource("instanceId", instanceId)
                .addValue("kinds", kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .addValue("by", updatedBy).addValue("at", Timestamp.from(clock.instant()));
        if (url == null || url.isBlank()) {
            if (!exists) {
                throw new NotificationException("Enter the incoming-webhook URL of the team's channel");
            }
            jdbc.update("update team_webhook set kinds = :kinds, updated_by = :by, updated_at = :at "
                    + "where instance_id = :instanceId", params);
        } else {
            String valid = validUrl(url);
            params.addValue("urlEnc", cipher.encrypt(valid)).addValue("hint", hint(valid));
            if (exists) {
                jdbc.update("update team_webhook set url_enc = :urlEnc, url_hint = :hint, kinds = :kinds, "
                        + "updated_by = :by, updated_at = :at where instance_id = :instanceId", params);
            } else {
                jdbc.update("insert into team_webhook (instance_id, url_enc, url_hint, kinds, updated_by, updated_at) "
                        + "values (:instanceId, :urlEnc, :hint, :kinds, :by, :at)", params);
            }
        }
        return get(instanceId, instance.name());
    }

    @Secured("ROLE_ADMIN")
    @Transactional
    public void remove(long instanceId) {
        jdbc.update("delete from team_webhook where instance_id = :instanceId",
                new MapSqlParameterSource("instanceId", instanceId));
    }

    /**
     * Posts a test message to the team's webhook at once, outside the outbox, and says what happened.
     *
     * @throws NotificationException with the webhook's answer when the post failed
     */
    @Secured("ROLE_ADMIN")
    public String sendTest(long instanceId, String requestedBy) {
        CvatInstance instance = instances.get(instanceId);
        String url = url(instanceId).orElseThrow(() ->
                new NotificationException(instance.name() + " has no webhook yet"));
        try {
            channel.post(url, "Test message from CVAT Queue Manager for the team on " + instance.name()
                    + " (sent by " + requestedBy + "). Notifications of the chosen kinds will appear here.");
        } catch (WebhookChannel.DeliveryFailure e) {
            throw new NotificationException("The test message was not delivered. " + e.getMessage(), e);
        }
        return "The webhook of " + instance.name() + " accepted the test message";
    }

    /** Whether the instance's webhook takes this kind. */
    boolean wants(long instanceId, NotificationKind kind) {
        return stored(instanceId).map(row -> row.kinds().contains(kind)).orElse(false);
    }

    /** The webhook URL in clear text, for the sender. */
    Optional<String> url(long instanceId) {
        return jdbc.queryForList("select url_enc from team_webhook where instance_id = :instanceId",
                new MapSqlParameterSource("instanceId", instanceId), String.class).stream().findFirst()
                .map(cipher::decrypt);
    }

    private TeamWebhook get(long instanceId, String name) {
        return stored(instanceId).map(row -> new TeamWebhook(instanceId, name, row.hint(), row.kinds()))
                .orElseGet(() -> new TeamWebhook(instanceId, name, null, EnumSet.allOf(NotificationKind.class)));
    }

    private record Row(String hint, Set<NotificationKind> kinds) {
    }

    private Optional<Row> stored(long instanceId) {
        return jdbc.query("select url_hint, kinds from team_webhook where instance_id = :instanceId",
                new MapSqlParameterSource("instanceId", instanceId),
                (rs, n) -> new Row(rs.getString("url_hint"), kinds(rs.getString("kinds")))).stream().findFirst();
    }

    private static Set<NotificationKind> kinds(String stored) {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        Arrays.stream(stored.split(",")).map(String::strip).forEach(name -> Arrays.stream(NotificationKind.values())
                .filter(k -> k.name().equals(name)).findFirst().ifPresent(kinds::add));
        return kinds;
    }

    static String validUrl(String raw) {
        String url = raw.strip();
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new NotificationException("The webhook URL must be an http(s) address, "
                    + "e.g. https://hooks.slack.com/services/...");
        }
    }

    /** Enough to recognise the URL, not enough to use it: scheme, host and its last four characters. */
    static String hint(String url) {
        URI uri = URI.create(url);
        String tail = url.length() > 4 ? url.substring(url.length() - 4) : "";
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…" + tail;
    }
}
