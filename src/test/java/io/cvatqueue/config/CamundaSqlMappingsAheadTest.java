package io.cvatqueue.config;

import io.cvatqueue.PostgresTestSchema;
import io.cvatqueue.config.CamundaSqlMappingsAhead.Dialect;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CamundaSqlMappingsAheadTest {

    private final List<ProcessEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(ProcessEngine::close);
    }

    @Test
    void theSettingsTellWhichDatabaseTypeAndTablePrefixTheEngineWillHave() {
        assertThat(expected("jdbc:h2:file:./data/queue;WRITE_DELAY=0")).isEqualTo(new Dialect("h2", ""));
        assertThat(expected("jdbc:postgresql://db:5432/queue")).isEqualTo(new Dialect("postgres", "public."));
        assertThat(expected("jdbc:postgresql://db:5432/queue?ssl=true&currentSchema=team_a,public"))
                .isEqualTo(new Dialect("postgres", "team_a."));
        assertThat(CamundaSqlMappingsAhead.expected(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/queue")
                .withProperty("camunda.bpm.database.table-prefix", "camunda.")))
                .isEqualTo(new Dialect("postgres", "camunda."));
        assertThat(CamundaSqlMappingsAhead.expected(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/queue")
                .withProperty("camunda.bpm.database.schema-name", "camunda")))
                .isEqualTo(new Dialect("postgres", ""));
        assertThat(expected("jdbc:mysql://db/queue")).isNull();
    }

    @Test
    void theMappingsParsedAheadAreThoseCamundaParsesItself() throws Exception {
        ProcessEngine own = engine(h2(), List.of());
        Configuration camundas = ((ProcessEngineConfigurationImpl) own.getProcessEngineConfiguration())
                .getSqlSessionFactory().getConfiguration();

        Configuration ahead = CamundaSqlMappingsAhead.parse(new Dialect("h2", ""));

        assertThat(new TreeSet<>(ahead.getMappedStatementNames()))
                .isEqualTo(new TreeSet<>(camundas.getMappedStatementNames()));
        assertThat(sql(ahead, "selectProperty")).isEqualTo(sql(camundas, "selectProperty"));
        assertThat(sql(CamundaSqlMappingsAhead.parse(new Dialect("postgres", "team_a.")), "selectProperty"))
                .contains("team_a.ACT_GE_PROPERTY");
    }

    @Test
    void anEngineOnH2IsBuiltFromTheMappingsParsedAheadAndRunsProcesses() {
        CamundaSqlMappingsAhead ahead = startedFor("jdbc:h2:mem:x");

        ProcessEngine engine = engine(h2(), List.of(ahead));

        assertThat(ahead.used()).isTrue();
        assertRunsAProcess(engine);
    }

    @Test
    void anEngineOnAnotherDatabaseThanExpectedParsesTheMappingsItself() {
        CamundaSqlMappingsAhead ahead = startedFor("jdbc:postgresql://db/queue");

        ProcessEngine engine = engine(h2(), List.of(ahead));

        assertThat(ahead.used()).isFalse();
        assertRunsAProcess(engine);
    }

    @Test
    void aContextWithoutAnEngineParsesNothingAhead() {
        CamundaSqlMappingsAhead ahead = new CamundaSqlMappingsAhead();
        ahead.setEnvironment(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x"));
        ahead.postProcessBeanFactory(new DefaultListableBeanFactory());

        engine(h2(), List.of(ahead));

        assertThat(ahead.used()).isFalse();
    }

    @Test
    @EnabledIf("postgresAvailable")
    void onPostgresTheMappingsParsedAheadNameTheSchemaCamundaSchemaOnPostgresFinds() throws Exception {
        String schema = PostgresTestSchema.create("cqm_mappings_");
        String url = PostgresTestSchema.SERVER_URL + "?currentSchema=" + schema;
        CamundaSqlMappingsAhead ahead = startedFor(url);
        DataSource dataSource = new DriverManagerDataSource(url, PostgresTestSchema.USER, "");

        ProcessEngine engine = engine(dataSource, List.of(new CamundaSchemaOnPostgres(dataSource), ahead));

        assertThat(ahead.used()).isTrue();
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix()).isEqualTo(schema + ".");
        assertRunsAProcess(engine);
    }

    static boolean postgresAvailable() {
        return PostgresTestSchema.available();
    }

    private static Dialect expected(String url) {
        return CamundaSqlMappingsAhead.expected(new MockEnvironment().withProperty("spring.datasource.url", url));
    }

    /** As in the app: Spring has read the bean definitions, one of them the engine's configuration. */
    private static CamundaSqlMappingsAhead startedFor(String url) {
        CamundaSqlMappingsAhead ahead = new CamundaSqlMappingsAhead();
        ahead.setEnvironment(new MockEnvironment().withProperty("spring.datasource.url", url));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("engineConfiguration",
                new RootBeanDefinition(StandaloneProcessEngineConfiguration.class));
        ahead.postProcessBeanFactory(beans);
        return ahead;
    }

    private static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:mappings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    private ProcessEngine engine(DataSource dataSource, List<ProcessEnginePlugin> plugins) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("mappings-" + UUID.randomUUID());
        configuration.getProcessEnginePlugins().addAll(plugins);
        ProcessEngine engine = configuration.buildProcessEngine();
        engines.add(engine);
        return engine;
    }

    private static void assertRunsAProcess(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn",
                Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1).startEvent().userTask("review")
                        .endEvent().done()).deploy();
        engine.getRuntimeService().startProcessInstanceByKey("wait", "job-1");

        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("job-1").singleResult()
                .getTaskDefinitionKey()).isEqualTo("review");
    }

    private static String sql(Configuration mappings, String statement) {
        return mappings.getMappedStatement(statement).getBoundSql(new HashMap<String, Object>()).getSql();
    }
}
