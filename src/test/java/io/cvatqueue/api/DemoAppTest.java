package io.cvatqueue.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole app on a random port against its stateful demo CVAT, with the simulator off so that tests decide
 * what happens in CVAT. Same configuration as io.cvatqueue.sync.SyncIntegrationTest, so all these test classes
 * share one Spring context (and one in-memory database: tests create their own data and never assume it empty).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"app.cvat.page-size=10", "app.demo.simulate=false"})
@ActiveProfiles({"test", "demo"})
public @interface DemoAppTest {
}
