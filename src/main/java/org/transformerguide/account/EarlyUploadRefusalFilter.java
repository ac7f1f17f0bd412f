package org.transformerguide.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A model upload from someone who may not train models is answered before anything reads its body: the
 * CSRF check that runs first would otherwise parse a whole multipart body looking for the token. The
 * connection is closed so that the body is not read afterwards either.
 */
class EarlyUploadRefusalFilter extends OncePerRequestFilter {

    private final ProblemDetailSecurityHandler problems;
    private final String requiredAuthority;

    EarlyUploadRefusalFilter(ProblemDetailSecurityHandler problems, String managerRole) {
        this.problems = problems;
        this.requiredAuthority = "ROLE_" + managerRole;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/api/playground/models"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
        if (signedIn && who.getAuthorities().stream().anyMatch(a -> requiredAuthority.equals(a.getAuthority()))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Connection", "close");
        if (signedIn) {
            problems.handle(request, response, new AccessDeniedException("no manager role"));
        } else {
            problems.commence(request, response, new InsufficientAuthenticationException("not signed in"));
        }
    }
}
