package org.transformerguide.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/** After sign-in, back to the page the learner came from ({@code next}), if it is a page of this site. */
class ReturnToPageHandler extends SimpleUrlAuthenticationSuccessHandler {

    private final SignInThrottle throttle;

    ReturnToPageHandler(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException {
        throttle.succeeded(auth.getName());
        // the page it returns to is served before Spring Security runs, so it cannot set this itself
        response.addHeader("Set-Cookie", SignedInCookieFilter.cookie(auth.getName(), -1));
        getRedirectStrategy().sendRedirect(request, response, safeNext(request.getParameter("next")));
    }

    /** Only a local path: never {@code //evil.example} or {@code https://...}, so this is no open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.contains("\r") || next.contains("\n")) {
            return "/";
        }
        return next;
    }
}
