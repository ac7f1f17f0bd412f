package org.transformerguide.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An account created for a room (or given a generated password) must choose its own password first:
 * until then every page leads to {@code /account/password} and the API answers 403. Static files, signing
 * out and the CSRF token stay reachable so the password form itself works.
 */
class PasswordChangeFilter extends OncePerRequestFilter {

    static final String PAGE = "/account/password";

    private final ProblemDetailSecurityHandler problems;

    PasswordChangeFilter(ProblemDetailSecurityHandler problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!mustChange(SecurityContextHolder.getContext().getAuthentication()) || isAllowed(request.getRequestURI())) {
            chain.doFilter(request, response);
        } else if (request.getRequestURI().startsWith("/api/")) {
            problems.handle(request, response, new AccessDeniedException("Choose your own password first, at " + PAGE + "."));
        } else {
            response.sendRedirect(PAGE);
        }
    }

    static boolean mustChange(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> PasswordChangeRequirement.AUTHORITY.equals(a.getAuthority()));
    }

    private static boolean isAllowed(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return path.equals(PAGE) || path.equals("/signout") || path.equals("/api/csrf") || path.startsWith("/webjars/")
                || path.startsWith("/actuator/") || path.equals("/error") || last.contains(".");
    }
}
