package org.transformerguide.web;

/** A page of the site that does not exist, such as a guide document with an unknown slug. */
public class PageNotFoundException extends RuntimeException {

    public PageNotFoundException(String path) {
        super("no page at " + path);
    }
}
