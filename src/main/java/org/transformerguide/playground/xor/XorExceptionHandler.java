package org.transformerguide.playground.xor;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.transformerguide.playground.service.InferencePool;

/**
 * The XOR trainer's errors as problem details. The content type is set explicitly: the client asked for
 * text/event-stream, and would otherwise get a 406 instead of the problem.
 */
@RestControllerAdvice(assignableTypes = XorController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class XorExceptionHandler {

    @ExceptionHandler(XorOptions.BadXorParameter.class)
    ResponseEntity<ProblemDetail> badParameter(XorOptions.BadXorParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return respond(problem, null);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()), null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getName() + " must be a number, not '" + org.transformerguide.web.Echo.cap(String.valueOf(e.getValue())) + "'");
        problem.setProperty("parameter", e.getName());
        return respond(problem, null);
    }

    @ExceptionHandler(InferencePool.QueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(InferencePool.QueueFullException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()), e.retryAfterSeconds());
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, Long retryAfterSeconds) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfterSeconds != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return builder.body(problem);
    }
}
