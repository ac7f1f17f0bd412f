package org.transformerguide.content.document;

/** Something wrong in a content file, with the place a writer needs to fix it. */
public record ContentProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
