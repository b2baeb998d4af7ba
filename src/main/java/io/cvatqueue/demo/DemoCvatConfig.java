package io.cvatqueue.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import java.time.Clock;

/** The built-in demo CVAT, active with the {@code demo} profile (the default of {@code ./mvnw spring-boot:run}). */
@Configuration
@Profile("demo")
class DemoCvatConfig {

    @Bean
    DemoCvat demoCvat(Clock clock) {
        return new DemoCvat(clock);
    }

    @Bean
    DemoCvatInfo demoCvatInfo(DemoCvat demoCvat) {
        return demoCvat::tokenHint;
    }
}
