package org.transformerguide.content.markdown;

import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Locale;

/** A GitHub alert ({@code > [!NOTE]}, {@code > [!TIP]}, ...): a callout box on the page. */
public class Admonition extends Block {

    public enum Kind {
        NOTE, TIP, IMPORTANT, WARNING, CAUTION;

        public String title() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public Admonition(BasedSequence chars, Kind kind) {
        super(chars);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public BasedSequence[] getSegments() {
        return EMPTY_SEGMENTS;
    }
}
