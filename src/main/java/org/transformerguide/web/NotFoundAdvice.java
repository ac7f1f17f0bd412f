package org.transformerguide.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** A URL nobody serves: a problem detail under {@code /api}, the site's 404 page everywhere else. */
@ControllerAdvice
class NotFoundAdvice {

    private final PageLayout layout;

    NotFoundAdvice(PageLayout layout) {
        this.layout = layout;
    }

    @ExceptionHandler({NoResourceFoundException.class, PageNotFoundException.class})
    Object notFound(HttpServletRequest request) {
        if (ApiErrors.isApi(request.getRequestURI())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such API resource.");
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        ModelAndView page = new ModelAndView("error/404");
        page.addAllObjects(layout.attributes(request.getRequestURI()));
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
