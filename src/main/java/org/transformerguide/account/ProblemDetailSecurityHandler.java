package org.transformerguide.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/** 401 and 403 for the REST API as problem details, like every other API error. */
@Component
class ProblemDetailSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;
    private final String managerRole;

    ProblemDetailSecurityHandler(ObjectMapper json, @Value("${guide.playground.models.manager-role:INSTRUCTOR}") String managerRole) {
        this.json = json;
        this.managerRole = RoleNames.of(managerRole);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String detail = isModelManagement(request)
                ? "Sign in with an account that has the " + managerRole + " role to create or delete models."
                : "Sign in to keep your progress on the server.";
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        String detail = e instanceof CsrfException
                ? "The request had no valid CSRF token; reload the page and try again."
                : isModelManagement(request)
                ? "Only accounts with the " + managerRole + " role may create or delete models; ask the workshop's administrator."
                : "You may not do this.";
        write(request, response, HttpStatus.FORBIDDEN, detail);
    }

    private static boolean isModelManagement(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/playground/models") && !"GET".equals(request.getMethod());
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
