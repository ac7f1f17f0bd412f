package org.transformerguide.account;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CSRF token for scripts that write through the API. Pages do not carry the token, so a page is the
 * same for every request of a reader and can be answered with a 304 when it did not change.
 */
@RestController
class CsrfController {

    record Token(String headerName, String token) {
    }

    @GetMapping("/api/csrf")
    ResponseEntity<Token> token(CsrfToken csrf) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Token(csrf.getHeaderName(), csrf.getToken()));
    }
}
