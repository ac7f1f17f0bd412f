package org.transformerguide.playground.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.web.Echo;

/**
 * What the error handlers of the playground's streaming endpoints (generation, training, the XOR trainer)
 * share: a bad or mistyped parameter is a 400 naming it, a full inference queue a 429 with Retry-After.
 * Every answer sets its content type explicitly, so a client that asked for text/event-stream still gets
 * the problem rather than a 406. A subclass is the {@code @RestControllerAdvice} for its controllers.
 */
public abstract class StreamingProblemHandler {

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()), null);
    }

    /** Without this, the cause (a NumberFormatException) would be matched above and its Java wording shown. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
        return badParameter(e.getName(), e.getName() + " must be a number, not '" + Echo.cap(String.valueOf(e.getValue())) + "'");
    }

    @ExceptionHandler(InferencePool.QueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(InferencePool.QueueFullException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()), e.retryAfterSeconds());
    }

    /** A 400 that names the parameter at fault, so the client can point at its field. */
    protected static ResponseEntity<ProblemDetail> badParameter(String parameter, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setProperty("parameter", parameter);
        return respond(problem, null);
    }

    /** {@code problem} as application/problem+json, with Retry-After when {@code retryAfterSeconds} is given. */
    protected static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, Long retryAfterSeconds) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfterSeconds != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return builder.body(problem);
    }
}
