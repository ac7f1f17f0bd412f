package org.transformerguide.content.markdown;

import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/** A {@code $$} display formula that stands on lines of its own. */
public class MathBlock extends Block {

    private final StringBuilder tex = new StringBuilder();
    private boolean closed;
    private int startLine;

    /** 1-based line of the opening {@code $$}. */
    public int startLine() {
        return startLine;
    }

    void startLine(int line) {
        startLine = line;
    }

    public String tex() {
        return tex.toString().strip();
    }

    void addLine(CharSequence line) {
        tex.append(line).append('\n');
    }

    public boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    @Override
    public BasedSequence[] getSegments() {
        return EMPTY_SEGMENTS;
    }
}
