package org.transformerguide.web;

import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every REST API error as an RFC 9457 problem detail: malformed JSON and failed validation (400), wrong
 * method (405) and the like come from Spring's base class. Each feature maps its own exceptions beside its
 * controllers (progress.ProgressExceptionHandler, storage.StorageExceptionHandler, playground.api...).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
}
