package org.transformerguide.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A password the learner chooses (first sign-in, reset link): the same bounds as at sign-up. */
public record NewPasswordForm(
        @NotBlank(message = "Choose a password.")
        @Size(min = 8, max = 72, message = "A password has 8 to 72 characters.")
        String password,
        String confirm) {

    public static NewPasswordForm empty() {
        return new NewPasswordForm("", "");
    }
}
