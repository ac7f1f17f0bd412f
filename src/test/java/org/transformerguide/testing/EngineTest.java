package org.transformerguide.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of the playground's engine: its kernels, model, training and inference. Surefire runs these in a JVM
 * of their own with HotSpot's C2 compiler, the one that turns the Vector API kernels into vector instructions,
 * so the whole model is tested on the kernels it serves with. Every other unit test runs on C1 alone, which
 * starts and compiles Spring code for far less CPU (pom.xml, the "engine" execution).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(EngineTest.TAG)
public @interface EngineTest {

    String TAG = "engine";
}
