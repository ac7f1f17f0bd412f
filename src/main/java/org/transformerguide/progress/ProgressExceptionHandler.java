package org.transformerguide.progress;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A checklist item or document the guide does not have: 404 as a problem detail. */
@RestControllerAdvice(assignableTypes = ProgressApiController.class)
class ProgressExceptionHandler {

    @ExceptionHandler(UnknownProgressTargetException.class)
    ProblemDetail unknownTarget(UnknownProgressTargetException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
