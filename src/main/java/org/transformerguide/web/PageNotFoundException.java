package org.transformerguide.web;

/** A page of the site that does not exist, such as a guide document with an unknown slug. */
class PageNotFoundException extends RuntimeException {

    PageNotFoundException(String path) {
        super("no page at " + path);
    }
}
