package org.transformerguide.pages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.transformerguide.account.SecurityConfiguration;

/**
 * Answers GET and HEAD of a guide page straight from its artifact: the prebuilt bytes (gzip when the
 * client takes it), or a 304 when the client already has them, without rendering or copying anything.
 * Any other path goes on to the application (a /guide/ name without a page falls through to the 404).
 */
public class PageArtifactFilter extends OncePerRequestFilter {

    private final PageArtifacts pages;

    public PageArtifactFilter(PageArtifacts pages) {
        this.pages = pages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        Optional<PageArtifact> found = head || "GET".equals(method) ? pages.page(pathOf(request)) : Optional.empty();
        if (found.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        PageArtifact page = found.get();
        boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        // The same bytes for every reader: any cache may keep a page, as long as it asks again (ETag).
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        // what Spring Security's header writers send with every other response (a test compares them)
        response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        response.setHeader(HttpHeaders.ETAG, gzip ? page.gzipEtag() : page.etag());
        if (page.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] body = gzip ? page.gzip() : page.html();
        response.setContentType("text/html;charset=UTF-8");
        if (gzip) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() ? uri : uri.substring(context.length());
    }

    /** gzip unless the client said nothing about it or refused it with q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.strip().split(";");
            String name = coding[0].strip();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                for (int i = 1; i < coding.length; i++) {
                    String param = coding[i].strip().replace(" ", "");
                    if (param.matches("q=0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
