package org.transformerguide.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.transformerguide.progress.UnknownProgressTargetException;

/**
 * Every REST API error as an RFC 9457 problem detail: malformed JSON and failed validation (400),
 * wrong method (405) and the like come from Spring's base class; the platform's own errors are below.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(UnknownProgressTargetException.class)
    ProblemDetail unknownTarget(UnknownProgressTargetException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
