package org.transformerguide.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A test class that shares nothing with the others: no Spring application context, no files outside its own
 * temporary folders (or a database of its own), no static state another class changes. Surefire runs these
 * classes in a second thread beside the rest, which run one at a time because many of them share an
 * application (pom.xml): on two cores, the second thread took up what the serial chain left idle.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
public @interface SelfContained {
}
