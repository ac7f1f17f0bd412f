package org.transformerguide.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database refused or lost a write (read-only, full, gone): 503 with Retry-After, since the request was
 * fine and may succeed later. Constraint violations are the controllers' business and are not caught here.
 */
@RestControllerAdvice(annotations = RestController.class)
class StorageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StorageExceptionHandler.class);

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            UncategorizedDataAccessException.class, TransientDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> storageUnavailable(NestedRuntimeException e) {
        log.error("A database write failed: {}", StorageFailureAnalyzer.firstLine(e.getMostSpecificCause()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Your change could not be saved: the server's storage is not accepting writes. Try again later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
