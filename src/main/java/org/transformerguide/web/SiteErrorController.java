package org.transformerguide.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the servlet container sends every error no controller answered: a 405 or 415 found before any
 * controller was chosen, a refused upload, an exception. Under {@code /api} the answer is a problem
 * detail; elsewhere the site's own error page. Opening {@code /error} itself is a page that does not exist.
 */
@Controller
class SiteErrorController implements ErrorController {

    private final PageLayout layout;

    SiteErrorController(PageLayout layout) {
        this.layout = layout;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        String path = originalPath(request);
        if (ApiErrors.isApi(path)) {
            return problem(status, path);
        }
        ModelAndView page = new ModelAndView(status == HttpStatus.NOT_FOUND ? "error/404" : "error");
        page.addObject("status", status.value());
        page.addAllObjects(layout.attributes(path));
        page.setStatus(status);
        return page;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ApiErrors.detail(status));
        problem.setInstance(ApiErrors.instance(path));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** No error status means someone asked for /error directly: there is no such page. */
    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.NOT_FOUND : status;
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path ? path : request.getRequestURI();
    }
}
