package io.cvatqueue.ops;

import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * "cvat" in /actuator/health, with one entry per CVAT instance (named "&lt;id&gt;-&lt;name&gt;"), read from the
 * database on every probe so that added instances appear without a restart.
 */
@Component
class CvatHealthContributor implements CompositeHealthContributor {

    private final CvatInstanceService instances;
    private final CvatReachability reachability;

    CvatHealthContributor(CvatInstanceService instances, CvatReachability reachability) {
        this.instances = instances;
        this.reachability = reachability;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return instances.list().stream().filter(i -> key(i).equals(name)).findFirst()
                .map(this::indicator).orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        List<CvatInstance> all = instances.list();
        reachability.refresh(all);
        return all.stream().map(i -> NamedContributor.of(key(i), indicator(i))).iterator();
    }

    private HealthContributor indicator(CvatInstance instance) {
        return (HealthIndicator) () -> reachability.health(instance);
    }

    static String key(CvatInstance instance) {
        String slug = instance.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return instance.id() + (slug.isEmpty() ? "" : "-" + slug);
    }
}
