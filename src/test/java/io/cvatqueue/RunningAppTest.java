package io.cvatqueue;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole app on a random port with the {@code test} profile (in-memory H2, no job executor). Every test
 * class carrying it shares one Spring context, so the app starts once for all of them. A real server (not
 * MockMvc) is needed because Camunda's webapps and their single sign-on are plain servlet filters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public @interface RunningAppTest {
}
