package org.transformerguide.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The wording of errors that no controller chose, shared by the error controller and the container's
 * error report: short, the same for everyone, and free of anything the client sent beyond its path.
 */
final class ApiErrors {

    /** Paths are echoed in {@code instance}; a longer one is cut, so an echo never grows with the request. */
    static final int MAX_ECHOED_PATH = 200;

    private ApiErrors() {
    }

    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed.";
            case UNAUTHORIZED -> "Sign in first.";
            case FORBIDDEN -> "You may not do this.";
            case NOT_FOUND -> "No such API resource.";
            case METHOD_NOT_ALLOWED -> "This resource does not take that method; the Allow header lists those it takes.";
            case NOT_ACCEPTABLE -> "This resource cannot answer in the media type asked for.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than this resource accepts.";
            case URI_TOO_LONG -> "The address is too long.";
            case UNSUPPORTED_MEDIA_TYPE -> "This resource does not accept that content type.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large.";
            case LENGTH_REQUIRED -> "Send the request body with a Content-Length.";
            case SERVICE_UNAVAILABLE -> "The service is unavailable for a moment; try again later.";
            default -> status.is5xxServerError()
                    ? "The server could not answer this request. It has been logged; please try again."
                    : status.getReasonPhrase() + ".";
        };
    }

    /** The request's path as a URI reference, cut to a bounded length; a path that is no valid URI is left out. */
    static URI instance(String path) {
        if (path == null) {
            return null;
        }
        String cut = path.length() > MAX_ECHOED_PATH ? path.substring(0, MAX_ECHOED_PATH) : path;
        int escape = cut.lastIndexOf('%');
        if (escape >= cut.length() - 2 && escape >= 0) {
            cut = cut.substring(0, escape); // never end inside a %XX escape
        }
        try {
            return URI.create(cut);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
