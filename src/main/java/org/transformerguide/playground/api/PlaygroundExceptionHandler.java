package org.transformerguide.playground.api;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.service.TrainingStatus;

/**
 * The playground's errors as problem details: those of its models (unknown, not ready, too slow) here,
 * those it shares with the XOR trainer in {@link StreamingProblemHandler}. Spring's own (missing
 * parameters) are left to the platform's ApiExceptionHandler.
 */
@RestControllerAdvice(assignableTypes = {PlaygroundController.class, TokensController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PlaygroundExceptionHandler extends StreamingProblemHandler {

    /** How long a client should wait when nobody can estimate better. */
    private static final long DEFAULT_RETRY_SECONDS = 10;

    @ExceptionHandler(PlaygroundProblems.BadParameter.class)
    ResponseEntity<ProblemDetail> badParameter(PlaygroundProblems.BadParameter e) {
        return badParameter(e.parameter, e.getMessage());
    }

    @ExceptionHandler(SamplingOptions.OutOfBounds.class)
    ResponseEntity<ProblemDetail> samplingOutOfBounds(SamplingOptions.OutOfBounds e) {
        return badParameter(e.parameter(), e.getMessage());
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

    @ExceptionHandler(PlaygroundProblems.TimeLimit.class)
    ResponseEntity<ProblemDetail> timeLimit(PlaygroundProblems.TimeLimit e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()), DEFAULT_RETRY_SECONDS);
    }
}
