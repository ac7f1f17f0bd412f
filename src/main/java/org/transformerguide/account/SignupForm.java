package org.transformerguide.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the sign-up page asks for. BCrypt reads at most 72 bytes, hence the upper bound; the length here
 * counts characters, and {@link PasswordRules} checks the bytes (an "é" takes two).
 */
public record SignupForm(
        @NotBlank(message = "Choose a name.")
        @Pattern(regexp = "[A-Za-z0-9._-]{3,32}", message = "A name has 3 to 32 letters, digits, dots, hyphens or underscores.")
        String username,
        @NotBlank(message = "Choose a password.")
        @Size(min = 8, max = 72, message = "A password has 8 to 72 characters.")
        String password,
        String confirm) {

    /** Never the passwords: a form printed into a log must not carry them. */
    @Override
    public String toString() {
        return "SignupForm[username=" + username + "]";
    }

    public static SignupForm empty() {
        return new SignupForm("", "", "");
    }
}
