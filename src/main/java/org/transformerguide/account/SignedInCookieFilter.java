package org.transformerguide.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the {@code tg-user} cookie in step with the session: set to the learner's name while signed in,
 * removed otherwise. Pages are the same bytes for every reader; the page's head script reads this cookie
 * to show the signed-in header from the first paint. It is a hint for display only: it grants nothing
 * (the session cookie does). Signing in, signing up and signing out set or remove it too, since pages are
 * answered before any filter here; a stale one is corrected by the next API call (every guide page makes one
 * for a signed-in reader) or, if the session is gone, by the progress API's 401 in the browser.
 * Runs after Spring Security's filters, which have loaded the session's authentication by then.
 */
public class SignedInCookieFilter extends OncePerRequestFilter {

    public static final String COOKIE = "tg-user";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String signedIn = nameOf(SecurityContextHolder.getContext().getAuthentication());
        String shown = cookieOf(request);
        if (signedIn != null && !signedIn.equals(shown)) {
            response.addHeader("Set-Cookie", cookie(signedIn, -1));
        } else if (signedIn == null && shown != null) {
            response.addHeader("Set-Cookie", cookie("", 0));
        }
        chain.doFilter(request, response);
    }

    private static String nameOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }

    private static String cookieOf(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** A session cookie (no expiry) like the session's own; maxAge 0 removes it. */
    public static String cookie(String value, int maxAgeSeconds) {
        ResponseCookie.ResponseCookieBuilder builder = ResponseCookie.from(COOKIE, value).path("/").sameSite("Lax");
        if (maxAgeSeconds >= 0) {
            builder.maxAge(maxAgeSeconds);
        }
        return builder.build().toString();
    }
}
