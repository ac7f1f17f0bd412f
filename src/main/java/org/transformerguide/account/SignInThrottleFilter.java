package org.transformerguide.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops a sign-in attempt before the password is checked while its name or address is locked, so a
 * locked name cannot be guessed at (not even with the right password) until the wait is over.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/signin".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = throttle.waitBefore(request.getParameter("username"), request.getRemoteAddr());
        if (!wait.isZero()) {
            response.sendRedirect(lockedUrl(wait));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The sign-in page with the wait in whole seconds, rounded up. */
    static String lockedUrl(Duration wait) {
        return "/signin?locked=" + Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
