package org.transformerguide.playground.xor;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.transformerguide.playground.api.StreamingProblemHandler;

/**
 * The XOR trainer's errors as problem details: its own bad parameters here, the rest (mistyped
 * parameters, a full inference queue) as every streaming playground endpoint answers them.
 */
@RestControllerAdvice(assignableTypes = XorController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class XorExceptionHandler extends StreamingProblemHandler {

    @ExceptionHandler(XorOptions.BadXorParameter.class)
    ResponseEntity<ProblemDetail> badParameter(XorOptions.BadXorParameter e) {
        return badParameter(e.parameter(), e.getMessage());
    }
}
