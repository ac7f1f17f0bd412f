package org.transformerguide.search;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query or limit outside what the search accepts. As an {@link ErrorResponseException} it becomes a
 * 400 problem detail through the API's existing error handling, with no handler of its own.
 */
public class InvalidSearchException extends ErrorResponseException {

    public InvalidSearchException(String detail) {
        super(HttpStatus.BAD_REQUEST, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid search");
        return problem;
    }

    /** What the reader is told: the same sentence on the search page and in the API's problem. */
    public String detail() {
        return getBody().getDetail();
    }
}
