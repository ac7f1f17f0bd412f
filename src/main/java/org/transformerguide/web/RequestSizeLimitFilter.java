package org.transformerguide.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies are refused by their declared size before anything reads them: forms (sign-in, sign-up)
 * and JSON get small limits; the corpus upload ({@code POST /api/playground/models}) is left to the
 * multipart limits that follow {@code max-corpus-size} (which refuse by the declared size too, with a
 * problem detail naming the limit). A body of unknown length is only taken by the upload; elsewhere it
 * answers 411, since its size could only be learnt by reading it. The answers (413, 411) go through the
 * error page or problem detail like any other, and close the connection so the rest is never read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final String UPLOAD_PATH = "/api/playground/models";

    private final long formLimit;
    private final long jsonLimit;

    RequestSizeLimitFilter(@Value("${guide.web.max-form-size:16KB}") DataSize formLimit,
                           @Value("${guide.web.max-json-size:512KB}") DataSize jsonLimit) {
        this.formLimit = formLimit.toBytes();
        this.jsonLimit = jsonLimit.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && UPLOAD_PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared < 0 && hasBody(request)) {
            refuse(response, HttpStatus.LENGTH_REQUIRED);
        } else if (declared > limitFor(request)) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE);
        } else {
            chain.doFilter(request, response);
        }
    }

    private long limitFor(HttpServletRequest request) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/") ? formLimit : jsonLimit;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    private static void refuse(HttpServletResponse response, HttpStatus status) throws IOException {
        response.setHeader("Connection", "close");
        response.sendError(status.value());
    }
}
