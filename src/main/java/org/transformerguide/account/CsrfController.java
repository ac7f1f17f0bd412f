package org.transformerguide.account;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CSRF token for scripts that write through the API. Pages do not carry the token, so a page is the
 * same for every request of a reader and can be answered with a 304 when it did not change.
 */
@RestController
@Tag(name = "Account")
class CsrfController {

    /** headerName for API calls (fetch), parameterName for a form (the header's sign-out button). */
    record Token(String headerName, String parameterName, String token) {
    }

    @Operation(summary = "The CSRF header name, form parameter name and token to send with PUT and POST calls")
    @GetMapping("/api/csrf")
    ResponseEntity<Token> token(@Parameter(hidden = true) CsrfToken csrf) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Token(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()));
    }
}
