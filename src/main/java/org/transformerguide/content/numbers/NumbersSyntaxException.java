package org.transformerguide.content.numbers;

/** A numbers block that does not follow the format; {@link #line()} is the line in the document. */
public class NumbersSyntaxException extends RuntimeException {

    private final int line;

    public NumbersSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
