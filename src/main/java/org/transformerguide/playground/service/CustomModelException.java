package org.transformerguide.playground.service;

/** Why a custom model cannot be created or deleted; the API turns the reason into a status. */
public class CustomModelException extends RuntimeException {

    public enum Reason {
        /** A parameter or the corpus is not acceptable (400). */
        INVALID,
        /** The name is taken, the model cannot be deleted, or there are too many models (409). */
        CONFLICT,
        /** The corpus is over the size limit (413). */
        TOO_LARGE,
        /** No model of that name (404). */
        NOT_FOUND
    }

    private final Reason reason;
    private final String parameter;

    public CustomModelException(Reason reason, String parameter, String message) {
        super(message);
        this.reason = reason;
        this.parameter = parameter;
    }

    public Reason reason() {
        return reason;
    }

    /** The request parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
