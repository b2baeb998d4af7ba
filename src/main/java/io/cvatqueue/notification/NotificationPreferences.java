package io.cvatqueue.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Each user's e-mail address and channels per kind (tables notification_contact, notification_preference). */
@Service
public class NotificationPreferences {

    private final NamedParameterJdbcTemplate jdbc;
    private final MailChannel mail;
    private final Clock clock;

    public NotificationPreferences(NamedParameterJdbcTemplate jdbc, MailChannel mail, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.clock = clock;
    }

    /** Whether the server can send e-mail at all (an SMTP server is configured). */
    public boolean emailAvailable() {
        return mail.available();
    }

    public NotificationSettings of(String username) {
        MapSqlParameterSource params = new MapSqlParameterSource("username", username);
        Map<NotificationKind, KindPreference> stored = new EnumMap<>(NotificationKind.class);
        jdbc.query("select kind, in_app, email_mode from notification_preference where username = :username", params,
                (java.sql.ResultSet rs) -> {
                    String name = rs.getString("kind");
                    boolean inApp = rs.getBoolean("in_app");
                    EmailMode mode = EmailMode.valueOf(rs.getString("email_mode"));
                    kindOf(name).ifPresent(kind -> stored.put(kind, new KindPreference(kind, inApp, mode)));
                });
        List<KindPreference> preferences = Arrays.stream(NotificationKind.values())
                .map(kind -> stored.getOrDefault(kind, KindPreference.defaultFor(kind))).toList();
        return new NotificationSettings(emailAddress(username), preferences);
    }

    /** The user's address, or null when none is set. */
    public String emailAddress(String username) {
        return jdbc.queryForList("select email from notification_contact where username = :username",
                new MapSqlParameterSource("username", username), String.class).stream().findFirst().orElse(null);
    }

    /**
     * Saves the user's address (blank: none) and preferences (kinds left out keep theirs).
     *
     * @throws NotificationException for an invalid address, or e-mail chosen without an address
     */
    @Transactional
    public NotificationSettings save(String username, String email, List<KindPreference> preferences) {
        String address = validAddress(email);
        if (address == null && preferences.stream().anyMatch(p -> p.email() != EmailMode.OFF)) {
            throw new NotificationException("Enter an e-mail address to get notifications by e-mail");
        }
        MapSqlParameterSource contact = new MapSqlParameterSource("username", username).addValue("email", address)
                .addValue("at", Timestamp.from(clock.instant()));
        if (jdbc.update("update notification_contact set email = :email, updated_at = :at where username = :username",
                contact) == 0) {
            jdbc.update("insert into notification_contact (username, email, updated_at) values (:username, :email, :at)",
                    contact);
        }
        for (KindPreference preference : preferences) {
            MapSqlParameterSource params = new MapSqlParameterSource("username", username)
                    .addValue("kind", preference.kind().name()).addValue("inApp", preference.inApp())
                    .addValue("mode", preference.email().name());
            if (jdbc.update("update notification_preference set in_app = :inApp, email_mode = :mode "
                    + "where username = :username and kind = :kind", params) == 0) {
                jdbc.update("insert into notification_preference (username, kind, in_app, email_mode) "
                        + "values (:username, :kind, :inApp, :mode)", params);
            }
        }
        return of(username);
    }

    /** The address as typed, stripped; null for blank. */
    static String validAddress(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String address = email.strip();
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (!parsed.getAddress().equals(address) || !address.contains("@") || address.length() > 320) {
                throw new AddressException(address);
            }
            return address;
        } catch (AddressException e) {
            throw new NotificationException("'" + address + "' is not an e-mail address (name@example.com)");
        }
    }

    private static java.util.Optional<NotificationKind> kindOf(String name) {
        return Arrays.stream(NotificationKind.values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
