package io.cvatqueue.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps the deployment's {@code BIND} (host:port, default 0.0.0.0:8000) and {@code PORT} variables onto
 * {@code server.address} and {@code server.port}. PORT wins over the port part of BIND, as platforms that
 * inject PORT expect.
 */
public class BindAddressEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String bind = environment.getProperty("BIND");
        if (bind != null && !bind.isBlank()) {
            String value = bind.strip();
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
                props.put("server.address", value);
            } else {
                String host = value.substring(0, colon);
                String port = value.substring(colon + 1);
                if (!host.isBlank()) {
                    props.put("server.address", host.replace("[", "").replace("]", ""));
                }
                if (!port.isBlank()) {
                    props.put("server.port", parsePort(port, "BIND"));
                }
            }
        }
        String port = environment.getProperty("PORT");
        if (port != null && !port.isBlank()) {
            props.put("server.port", parsePort(port.strip(), "PORT"));
        }
        if (!props.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("bindAddress", props));
        }
    }

    private static int parsePort(String value, String variable) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(variable + " has an invalid port: '" + value + "'");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
