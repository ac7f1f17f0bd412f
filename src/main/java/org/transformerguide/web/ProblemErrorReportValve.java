package org.transformerguide.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers some requests before the application sees them: a URL with an encoded slash, a NUL
 * or a malformed escape, an over-long header. Its standard error report is an HTML page naming Tomcat;
 * this one answers {@code /api} requests with a problem detail and everything else with a plain page in
 * the site's words. It replaces the host's error report valve ({@link ContainerErrorConfiguration}).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String path = rawPath(request);
        try {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            if (ApiErrors.isApi(path) || path.isEmpty() && !acceptsHtml(request)) {
                response.setContentType("application/problem+json");
                write(response, problemJson(status));
            } else {
                response.setContentType("text/html");
                write(response, page(status));
            }
        } catch (IOException | IllegalStateException cannotWrite) {
            // the client is gone or the response is already on its way: nothing more to say
        }
    }

    /**
     * A request line too long or too malformed to parse leaves no path to go by: a browser (which asks for
     * HTML) gets the page, any other client the problem detail.
     */
    private static boolean acceptsHtml(Request request) {
        String accept = request.getCoyoteRequest().getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** The path as sent, undecoded (decoding is what failed for some of these requests). */
    private static String rawPath(Request request) {
        String uri = request.getCoyoteRequest().requestURI().toString();
        return uri == null ? "" : uri;
    }

    /** Built by hand: the path that failed to parse is not echoed, so nothing here needs escaping. */
    private static String problemJson(HttpStatus status) {
        return "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + ApiErrors.detail(status).replace("\"", "\\\"") + "\"}";
    }

    private static String page(HttpStatus status) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Something went wrong · Transformer Guide</title></head><body><main>"
                + "<h1>" + (status == HttpStatus.NOT_FOUND ? "Page not found" : "This address cannot be served") + "</h1>"
                + "<p>The server could not answer this request (" + status.value() + "): the address or the request is malformed.</p>"
                + "<p><a href=\"/\">Back to the start of the guide</a></p></main></body></html>";
    }

    private static void write(Response response, String body) throws IOException {
        Writer writer = response.getReporter();
        if (writer != null) {
            writer.write(body);
            response.finishResponse();
        }
    }
}
