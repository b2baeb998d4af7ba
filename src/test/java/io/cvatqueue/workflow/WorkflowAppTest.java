package io.cvatqueue.workflow;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole app with the demo CVAT on a random port, in a Spring context of its own: these tests deploy new
 * versions of job-review, which would change the workflow under the other test classes of a shared context.
 * Its engine is Camunda's default engine, the one /engine-rest serves.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"app.demo.simulate=false",
                // Camunda's engine REST API serves the engine named "default"; no other test context uses that name
                "camunda.bpm.generate-unique-process-engine-name=false", "camunda.bpm.process-engine-name=default"})
@ActiveProfiles({"test", "demo"})
public @interface WorkflowAppTest {
}
