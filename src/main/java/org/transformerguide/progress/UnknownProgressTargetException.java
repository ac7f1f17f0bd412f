package org.transformerguide.progress;

import org.transformerguide.web.Echo;

/** A checklist item or document id that the guide does not have: the API answers 404. */
public class UnknownProgressTargetException extends RuntimeException {

    public UnknownProgressTargetException(String what, String id) {
        super("There is no " + what + " '" + Echo.cap(id) + "' in the guide.");
    }
}
