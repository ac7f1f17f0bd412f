package org.transformerguide.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** A wrong name or password counts against the name and the address; the page says when a lock began. */
class SignInFailureHandler implements AuthenticationFailureHandler {

    private final SignInThrottle throttle;

    SignInFailureHandler(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        Duration wait = throttle.failed(request.getParameter("username"), request.getRemoteAddr());
        response.sendRedirect(wait.isZero() ? "/signin?error" : SignInThrottleFilter.lockedUrl(wait));
    }
}
