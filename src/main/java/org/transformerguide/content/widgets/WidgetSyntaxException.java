package org.transformerguide.content.widgets;

/** A widget block that names no known widget or gives an option it does not take; {@link #line()} is in the document. */
public class WidgetSyntaxException extends RuntimeException {

    private final int line;

    public WidgetSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
