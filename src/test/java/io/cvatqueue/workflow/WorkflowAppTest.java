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
 * Camunda's engine REST API finds engines in a JVM-wide registry, where other test contexts and plain engine
 * tests also register theirs: tests address this context's engine by name (/engine-rest/engine/{name}/...).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"app.demo.simulate=false", "app.workflow-tests=own-context"})
@ActiveProfiles({"test", "demo"})
public @interface WorkflowAppTest {
}
