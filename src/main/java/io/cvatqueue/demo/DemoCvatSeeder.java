package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.crypto.TokenCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;

/**
 * Points the app at its own demo CVAT once the server listens: on a fresh database it creates the instance
 * "Demo CVAT" with the demo owner's token as service token; later starts only move the demo instance to the
 * current port. Real CVAT instances are never touched, and none is created next to them.
 */
@Component
@Profile("demo")
class DemoCvatSeeder {

    static final String NAME = "Demo CVAT";
    private static final Logger log = LoggerFactory.getLogger(DemoCvatSeeder.class);

    private final CvatInstanceRepository instances;
    private final TokenCipher cipher;
    private final Clock clock;
    private final Environment environment;

    DemoCvatSeeder(CvatInstanceRepository instances, TokenCipher cipher, Clock clock, Environment environment) {
        this.instances = instances;
        this.cipher = cipher;
        this.clock = clock;
        this.environment = environment;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                && web.getWebServer() != null && web.getWebServer().getPort() > 0
                ? web.getWebServer().getPort()
                : environment.getProperty("server.port", Integer.class, 8000);
        seed("http://" + host() + ":" + port + "/demo-cvat");
    }

    /** Creates or moves the demo instance to {@code baseUrl}; returns it, or empty when real instances exist. */
    Optional<CvatInstance> seed(String baseUrl) {
        Optional<CvatInstance> demo = instances.findFirstByDemoTrue();
        if (demo.isPresent()) {
            if (demo.get().baseUrl().equals(baseUrl)) {
                return demo;
            }
            log.info("Demo CVAT moved to {}", baseUrl);
            return Optional.of(instances.save(demo.get().withBaseUrl(baseUrl)));
        }
        if (instances.count() > 0) {
            return Optional.empty();
        }
        log.info("Created the CVAT instance '{}' at {}", NAME, baseUrl);
        return Optional.of(instances.save(CvatInstance.create(NAME, baseUrl,
                cipher.encrypt("Token " + DemoCvat.ADMIN_TOKEN), clock.instant()).asDemo()));
    }

    /** Loopback unless the server is bound to one specific address, which then is the only one that answers. */
    private String host() {
        String address = environment.getProperty("server.address");
        if (address == null || address.isBlank()) {
            return "127.0.0.1";
        }
        try {
            InetAddress bound = InetAddress.getByName(address);
            if (bound.isAnyLocalAddress() || bound.isLoopbackAddress()) {
                return "127.0.0.1";
            }
            return bound.getHostAddress().contains(":") ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
