package org.transformerguide.account;

/** Sign-up with a name that already has an account. */
public class UsernameTakenException extends RuntimeException {

    public UsernameTakenException(String username) {
        super("The name '" + username + "' is taken.");
    }
}
