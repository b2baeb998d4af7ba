package io.cvatqueue.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessorsFactory;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindAddressEnvironmentPostProcessorTest {

    /** application.yml's defaults, which BIND and PORT override. */
    private static MockEnvironment environment() {
        return new MockEnvironment().withProperty("server.address", "0.0.0.0").withProperty("server.port", "8000");
    }

    private static MockEnvironment process(MockEnvironment environment) {
        new BindAddressEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withoutBindOrPortTheDefaultsStay() {
        MockEnvironment env = process(environment());

        assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
        assertThat(env.getProperty("server.port")).isEqualTo("8000");
    }

    @Test
    void bindSetsHostAndPort() {
        MockEnvironment env = process(environment().withProperty("BIND", "127.0.0.1:9090"));

        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("server.port")).isEqualTo("9090");
    }

    @Test
    void bindWithHostOnlyKeepsThePort() {
        MockEnvironment env = process(environment().withProperty("BIND", "127.0.0.1"));

        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("server.port")).isEqualTo("8000");
    }

    @Test
    void bindWithPortOnlyKeepsTheHost() {
        MockEnvironment env = process(environment().withProperty("BIND", ":9090"));

        assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
        assertThat(env.getProperty("server.port")).isEqualTo("9090");
    }

    @Test
    void bindAcceptsBracketedIpv6Host() {
        MockEnvironment env = process(environment().withProperty("BIND", "[::1]:9090"));

        assertThat(env.getProperty("server.address")).isEqualTo("::1");
        assertThat(env.getProperty("server.port")).isEqualTo("9090");
    }

    @Test
    void portAloneSetsThePort() {
        MockEnvironment env = process(environment().withProperty("PORT", " 8080 "));

        assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
        assertThat(env.getProperty("server.port")).isEqualTo("8080");
    }

    @Test
    void portWinsOverThePortInBind() {
        // platforms that inject PORT expect the app to listen there
        MockEnvironment env = process(environment().withProperty("BIND", "127.0.0.1:9090").withProperty("PORT", "8080"));

        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("server.port")).isEqualTo("8080");
    }

    @Test
    void invalidPortsStopStartWithAMessageNamingTheVariable() {
        assertThatThrownBy(() -> process(environment().withProperty("BIND", "0.0.0.0:http")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BIND").hasMessageContaining("http");
        assertThatThrownBy(() -> process(environment().withProperty("PORT", "70000")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PORT").hasMessageContaining("70000");
        assertThatThrownBy(() -> process(environment().withProperty("PORT", "-1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isRegisteredWithSpringBoot() {
        // constructed the way Spring Boot does at start; an unregistered post-processor would silently ignore BIND
        List<EnvironmentPostProcessor> postProcessors = EnvironmentPostProcessorsFactory
                .fromSpringFactories(getClass().getClassLoader())
                .getEnvironmentPostProcessors(Supplier::get, new DefaultBootstrapContext());
        assertThat(postProcessors).hasAtLeastOneElementOfType(BindAddressEnvironmentPostProcessor.class);
    }
}
