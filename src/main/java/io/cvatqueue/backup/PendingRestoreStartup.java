package io.cvatqueue.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Applies a staged restore at start. A bean factory post-processor runs before any ordinary bean is created, so
 * before the DataSource, Flyway and Camunda open the database file that is about to be replaced.
 */
@Component
class PendingRestoreStartup implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private static final Logger log = LoggerFactory.getLogger(PendingRestoreStartup.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String dataDir = environment.getProperty("app.data-dir");
        if (dataDir == null || !Files.isRegularFile(Path.of(dataDir, RestoreApplier.PENDING_FILE))) {
            return;
        }
        Optional<H2Database> database = H2Database.fromUrl(environment.getProperty("spring.datasource.url"));
        if (database.isEmpty()) {
            log.warn("A restore is pending in {}, but the database is not an H2 file: it is not applied", dataDir);
            return;
        }
        RestoreApplier.applyPending(Path.of(dataDir).toAbsolutePath().normalize(), database.get(),
                Clock.systemDefaultZone());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
