package org.transformerguide;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole platform, with MockMvc, under the test profile: for tests where the wiring is the point. Every
 * class that carries exactly this shares one application context (Spring's test context cache hits when
 * the configuration is the same), so a variation here or there (a missing @AutoConfigureMockMvc, one more
 * property) costs a whole start of the application; give such a test its own reason or use this.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
public @interface GuideApplicationTest {
}
