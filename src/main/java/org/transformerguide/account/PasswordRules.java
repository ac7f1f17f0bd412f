package org.transformerguide.account;

import java.nio.charset.StandardCharsets;

/**
 * BCrypt reads at most 72 bytes of a password and Spring Security's encoder refuses longer ones, so the
 * limit is checked in UTF-8 bytes before hashing: 72 ASCII letters fit, 40 letters "é" (80 bytes) do not.
 */
public final class PasswordRules {

    public static final int MAX_BYTES = 72;
    public static final String TOO_LONG = "A password has at most 72 bytes: letters such as é take two, most emoji four.";

    private PasswordRules() {
    }

    public static boolean fitsBcrypt(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
