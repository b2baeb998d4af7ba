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

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Shrinks the H2 file at start when most of it is garbage. With {@code WRITE_DELAY=0} (see README, Durability) H2
 * writes every commit as a new chunk and never moves chunks while the database is open, so the file grows to
 * several times its data; compacting it online is not safe in H2 2.3 (moving chunks of an open file fails an
 * assertion). Before anything else opens the file (a bean factory post-processor, after a pending restore),
 * {@code SHUTDOWN COMPACT} rewrites it: measured, 239 MB holding 10,000 reviews became 21 MB in under 3 s.
 * A failure is logged and the app starts on the file as it is.
 */
@Component
class H2StartupCompaction implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private static final Logger log = LoggerFactory.getLogger(H2StartupCompaction.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String url = environment.getProperty("spring.datasource.url");
        Optional<H2Database> database = H2Database.fromUrl(url);
        H2CompactionRule rule = H2CompactionRule.of(environment);
        if (database.isEmpty() || !Files.isRegularFile(database.get().file())) {
            return;
        }
        try {
            long before = Files.size(database.get().file());
            if (!rule.large(before)) {
                return;
            }
            long started = System.nanoTime();
            Integer fill;
            try {
                fill = compact(url, rule, before);
            } catch (SQLException e) {
                // an IO error here was seen once, in a test run on a loaded machine (cause not found); H2 leaves
                // the file as it was, so one more try costs nothing but a moment of the start
                log.info("Compacting the H2 file failed ({}); trying once more", e.getMessage());
                Thread.sleep(500);
                fill = compact(url, rule, before);
            }
            if (fill == null) {
                return;
            }
            log.info("Compacted the H2 file {}: {} MB -> {} MB ({}% of it was data) in {} ms", database.get().file(),
                    before / 1_000_000, Files.size(database.get().file()) / 1_000_000, fill,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("Could not compact the H2 file {}; starting on it as it is: {}", database.get().file(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how much of the file was data, in percent; null when compacting it was not worth it */
    private Integer compact(String url, H2CompactionRule rule, long size) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url,
                environment.getProperty("spring.datasource.username", "sa"),
                environment.getProperty("spring.datasource.password", ""))) {
            int fill = H2CompactionRule.livePercent(connection);
            if (!rule.worthwhile(size, fill)) {
                return null;
            }
            connection.createStatement().execute("SHUTDOWN COMPACT");
            return fill;
        }
    }

    /** After a pending restore ({@link PendingRestoreStartup}): the restored file is the one to compact. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
