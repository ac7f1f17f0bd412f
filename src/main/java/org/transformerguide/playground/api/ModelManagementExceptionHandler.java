package org.transformerguide.playground.api;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.transformerguide.playground.service.CustomModelException;

/** Custom-model errors as problem details; Spring's own (a mistyped vocabSize) go to the platform's handler. */
@RestControllerAdvice(assignableTypes = ModelManagementController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModelManagementExceptionHandler {

    @ExceptionHandler(CustomModelException.class)
    ResponseEntity<ProblemDetail> customModel(CustomModelException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create("urn:transformer-guide:playground:" + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        if (e.parameter() != null) {
            problem.setProperty("parameter", e.parameter());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
