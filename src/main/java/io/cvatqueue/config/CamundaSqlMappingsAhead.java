package io.cvatqueue.config;

import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Parses Camunda's SQL mappings (55 MyBatis mapper files, about a second of CPU: most of building the engine) on a
 * thread of its own from the moment Spring knows that it will build an engine, while the main thread goes on with
 * Flyway, the web server and the app's beans. The engine then takes the parsed mappings instead of parsing them
 * itself, as Camunda does: same file, same properties.
 * <p>
 * The parse depends on the database type and Camunda's table prefix, which are certain only once the engine is
 * configured; they are expected from the settings ({@link #expected}) and the parse is used only if the engine ends
 * up with the same two. Otherwise, or if the parse failed, the engine parses as usual: a wrong guess costs time,
 * never correctness.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after every plugin that sets the table prefix (CamundaSchemaOnPostgres)
class CamundaSqlMappingsAhead extends AbstractProcessEnginePlugin implements BeanFactoryPostProcessor,
        EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(CamundaSqlMappingsAhead.class);

    /** What a parse of the mappings depends on. */
    record Dialect(String databaseType, String tablePrefix) {
    }

    private record Parse(Dialect dialect, CompletableFuture<Configuration> mappings) {
    }

    private Environment environment;
    private volatile Parse ahead;
    private volatile Configuration handedOver;
    private volatile boolean used;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.getBeanNamesForType(ProcessEngineConfigurationImpl.class, true, false).length == 0) {
            return; // a context without an engine: never the app itself, but a test context may be one
        }
        Dialect dialect = expected(environment);
        if (dialect != null) {
            CompletableFuture<Configuration> mappings = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    mappings.complete(parse(dialect));
                } catch (Throwable e) {
                    mappings.completeExceptionally(e);
                }
            }, "camunda-sql-mappings");
            thread.setDaemon(true);
            thread.start();
            ahead = new Parse(dialect, mappings);
        }
    }

    /**
     * The database type and table prefix the engine will have, as far as the settings tell: H2 without a prefix;
     * PostgreSQL with the schema {@link CamundaSchemaOnPostgres} will find (the URL's {@code currentSchema}, else
     * {@code public}); explicit Camunda settings win. Null for other databases.
     */
    static Dialect expected(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        String type = environment.getProperty("camunda.bpm.database.type");
        if (type == null && url != null) {
            type = url.startsWith("jdbc:h2:") ? "h2" : url.startsWith("jdbc:postgresql:") ? "postgres" : null;
        }
        if (type == null) {
            return null;
        }
        String prefix = environment.getProperty("camunda.bpm.database.table-prefix", "");
        if (type.equals("postgres") && prefix.isEmpty()
                && environment.getProperty("camunda.bpm.database.schema-name") == null) {
            prefix = currentSchema(url) + ".";
        }
        return new Dialect(type, prefix);
    }

    private static String currentSchema(String url) {
        int query = url == null ? -1 : url.indexOf('?');
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.startsWith("currentSchema=") && parameter.length() > "currentSchema=".length()) {
                    return parameter.substring("currentSchema=".length()).split(",")[0];
                }
            }
        }
        return "public";
    }

    /** What {@code ProcessEngineConfigurationImpl.initSqlSessionFactory} parses, without the data source. */
    static Configuration parse(Dialect dialect) throws IOException {
        try (InputStream stream = ReflectUtil.getResourceAsStream(
                ProcessEngineConfigurationImpl.DEFAULT_MYBATIS_MAPPING_FILE);
             Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.put("prefix", dialect.tablePrefix());
            ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, dialect.tablePrefix(),
                    dialect.databaseType());
            return new XMLConfigBuilder(reader, "", properties).parse();
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Parse parse = ahead;
        ahead = null;
        if (parse == null || configuration.getSqlSessionFactory() != null
                || configuration.isUseSharedSqlSessionFactory()) {
            return;
        }
        if (configuration.getDatabaseType() == null) {
            if (configuration.getDataSource() == null) {
                return; // the engine makes its own from JDBC settings (not the app's way)
            }
            configuration.initDatabaseType(); // what the engine does next anyway, one step earlier
        }
        String prefix = configuration.getDatabaseTablePrefix();
        Dialect actual = new Dialect(configuration.getDatabaseType(), prefix == null ? "" : prefix);
        if (!actual.equals(parse.dialect())) {
            log.debug("Camunda's SQL mappings were parsed for {} but the engine has {}; it parses them again",
                    parse.dialect(), actual);
            return;
        }
        try {
            Configuration mappings = parse.mappings().get();
            configuration.setSqlSessionFactory(new DefaultSqlSessionFactory(mappings));
            handedOver = mappings;
            used = true;
        } catch (ExecutionException e) {
            log.warn("Parsing Camunda's SQL mappings ahead failed; the engine parses them itself", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Camunda's SQL mappings", e);
        }
    }

    /** Whether the last engine built was given the mappings parsed ahead. */
    boolean used() {
        return used;
    }

    /** The rest of Camunda's {@code initSqlSessionFactory}, with its transaction factory and data source. */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Configuration mappings = handedOver;
        handedOver = null;
        if (mappings == null) {
            return;
        }
        mappings.setEnvironment(new org.apache.ibatis.mapping.Environment("default",
                configuration.getTransactionFactory(), configuration.getDataSource()));
        mappings.setDefaultStatementTimeout(configuration.getJdbcStatementTimeout());
        if (configuration.isJdbcBatchProcessing()) {
            mappings.setDefaultExecutorType(ExecutorType.BATCH);
        }
    }
}
