package org.transformerguide.playground.api;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * Who is asking, for the playground's fair queue: the account when signed in, otherwise the browser's
 * session. Never the IP address: a workshop room usually reaches the server through one.
 */
final class Learners {

    private Learners() {
    }

    static String of(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        if (user != null) {
            return "account:" + user.getName();
        }
        return "session:" + request.getSession(true).getId(); // before the response is committed, so the cookie can be set
    }
}
