package org.transformerguide.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error statuses an API operation can answer, each an RFC 9457 problem detail. {@link ApiDocumentation}
 * turns them into OpenAPI responses with one shared description per status, so every operation says
 * the same thing about the same failure.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemResponses {

    /** HTTP statuses, e.g. {@code {400, 404, 429, 503}}. */
    int[] value();
}
