package org.transformerguide.content.markdown;

import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/** {@code $...$} (or {@code $$...$$} inside a paragraph): TeX kept exactly as written. */
public class MathInline extends Node {

    private final String tex;
    private final boolean display;

    public MathInline(BasedSequence chars, String tex, boolean display) {
        super(chars);
        this.tex = tex;
        this.display = display;
    }

    public String tex() {
        return tex;
    }

    public boolean display() {
        return display;
    }

    @Override
    public BasedSequence[] getSegments() {
        return EMPTY_SEGMENTS;
    }
}
