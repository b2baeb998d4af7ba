package io.cvatqueue.api;

import io.cvatqueue.notification.Delivery;
import io.cvatqueue.notification.EmailMode;
import io.cvatqueue.notification.KindPreference;
import io.cvatqueue.notification.NotificationDeliveries;
import io.cvatqueue.notification.NotificationKind;
import io.cvatqueue.notification.NotificationPreferences;
import io.cvatqueue.notification.NotificationSettings;
import io.cvatqueue.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Notifications", description = "Your notification channels per kind; failed e-mails and webhook posts")
class NotificationApiController {

    private final NotificationPreferences preferences;
    private final NotificationDeliveries deliveries;
    private final CurrentUser currentUser;

    NotificationApiController(NotificationPreferences preferences, NotificationDeliveries deliveries,
                              CurrentUser currentUser) {
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.currentUser = currentUser;
    }

    @GetMapping("/me/notification-preferences")
    @Operation(summary = "Your e-mail address and channels per notification kind",
            description = "`emailAvailable` is false when the server has no SMTP server: e-mail settings are kept "
                    + "but nothing is sent.")
    Preferences get() {
        return view(preferences.of(currentUser.require().username()));
    }

    @PutMapping("/me/notification-preferences")
    @Operation(summary = "Set your e-mail address and channels per kind",
            description = "`email`: your address, or null/blank for none. `preferences`: per kind `inApp` and "
                    + "`email` (`OFF`, `IMMEDIATE`, `DIGEST`); kinds left out keep their setting. E-mail other than "
                    + "`OFF` needs an address (400 otherwise, as for an invalid address).")
    Preferences put(@RequestBody Preferences request) {
        List<KindPreference> wanted = request.preferences() == null ? List.of() : request.preferences().stream()
                .map(NotificationApiController::preference).toList();
        return view(preferences.save(currentUser.require().username(), request.email(), wanted));
    }

    @GetMapping("/notification-deliveries")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "E-mails and webhook posts not sent yet: failed ones first, then pending (admins)")
    List<Delivery> unsent(@RequestParam(defaultValue = "100") int limit) {
        return deliveries.unsent(Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/notification-deliveries/{id}/retry")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Send a failed or waiting delivery again now (admins)")
    Delivery retry(@PathVariable long id) {
        return deliveries.retryNow(id);
    }

    /** Unset fields take the defaults: in-app on, no e-mail. */
    private static KindPreference preference(Preference requested) {
        if (requested.kind() == null) {
            throw new IllegalArgumentException("Each preference needs a kind: one of "
                    + java.util.Arrays.toString(NotificationKind.values()));
        }
        return new KindPreference(requested.kind(), requested.inApp() == null || requested.inApp(),
                requested.email() == null ? EmailMode.OFF : requested.email());
    }

    private Preferences view(NotificationSettings settings) {
        return new Preferences(settings.email(), deliveries.mailAvailable(), settings.preferences().stream()
                .map(p -> new Preference(p.kind(), p.inApp(), p.email())).toList());
    }

    record Preferences(String email, @Schema(accessMode = Schema.AccessMode.READ_ONLY) Boolean emailAvailable,
                       List<Preference> preferences) {
    }

    record Preference(NotificationKind kind, Boolean inApp, EmailMode email) {
    }
}
