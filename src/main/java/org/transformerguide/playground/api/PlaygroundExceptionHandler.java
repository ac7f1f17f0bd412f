package org.transformerguide.playground.api;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.transformerguide.web.Echo;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.TrainingStatus;

/**
 * The playground's errors as problem details. Spring's own (missing or mistyped parameters) are left to
 * the platform's ApiExceptionHandler. The content type is set explicitly so that a client that asked for
 * text/event-stream (the generate and training streams) still gets the problem rather than a 406.
 */
@RestControllerAdvice(assignableTypes = {PlaygroundController.class, TokensController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PlaygroundExceptionHandler {

    /** How long a client should wait when nobody can estimate better. */
    private static final long DEFAULT_RETRY_SECONDS = 10;

    @ExceptionHandler(PlaygroundProblems.BadParameter.class)
    ResponseEntity<ProblemDetail> badParameter(PlaygroundProblems.BadParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("parameter", e.parameter);
        return respond(problem, null);
    }

    @ExceptionHandler(SamplingOptions.OutOfBounds.class)
    ResponseEntity<ProblemDetail> samplingOutOfBounds(SamplingOptions.OutOfBounds e) {
        return badParameter(new PlaygroundProblems.BadParameter(e.parameter(), e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()), null);
    }

    /** Without this, the cause (a NumberFormatException) would be matched above and its Java wording shown. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getName() + " must be a number, not '" + Echo.cap(String.valueOf(e.getValue())) + "'");
        problem.setProperty("parameter", e.getName());
        return respond(problem, null);
    }

    @ExceptionHandler(PlaygroundProblems.UnknownModel.class)
    ResponseEntity<ProblemDetail> unknownModel(PlaygroundProblems.UnknownModel e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()), null);
    }

    @ExceptionHandler(PlaygroundProblems.ModelNotReady.class)
    ResponseEntity<ProblemDetail> notReady(PlaygroundProblems.ModelNotReady e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Model not ready");
        problem.setType(URI.create("urn:transformer-guide:playground:model-not-ready"));
        long retry = DEFAULT_RETRY_SECONDS;
        TrainingStatus training = e.training;
        if (training != null) {
            problem.setProperty("training", training);
            // Come back when it should be done, but at least every minute so a progress bar keeps moving.
            retry = training.etaSeconds() > 0 ? Math.min(60, Math.max(5, training.etaSeconds())) : DEFAULT_RETRY_SECONDS;
        }
        return respond(problem, retry);
    }

    @ExceptionHandler(InferencePool.QueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(InferencePool.QueueFullException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        return respond(problem, e.retryAfterSeconds());
    }

    @ExceptionHandler(PlaygroundProblems.TimeLimit.class)
    ResponseEntity<ProblemDetail> timeLimit(PlaygroundProblems.TimeLimit e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()), DEFAULT_RETRY_SECONDS);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, Long retryAfterSeconds) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfterSeconds != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return builder.body(problem);
    }
}
