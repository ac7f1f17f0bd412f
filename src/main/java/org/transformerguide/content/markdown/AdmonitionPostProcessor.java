package org.transformerguide.content.markdown;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;

/** Turns a block quote whose first line is {@code [!KIND]} into an {@link Admonition}. */
class AdmonitionPostProcessor extends NodePostProcessor {

    private static final Pattern MARKER = Pattern.compile("\\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)]\\s*");

    @Override
    public void process(@NotNull NodeTracker state, @NotNull Node node) {
        if (!(node.getFirstChild() instanceof Paragraph first)) {
            return;
        }
        // "[!NOTE]" parses as an undefined link reference, not text: match the paragraph's source instead.
        String paragraph = first.getChars().toString();
        Matcher m = MARKER.matcher(paragraph);
        if (!m.lookingAt()) {
            return;
        }
        Admonition admonition = new Admonition(node.getChars(), Admonition.Kind.valueOf(m.group(1)));
        removeMarker(first, m.group().strip().length());
        admonition.takeChildren(node);
        node.insertBefore(admonition);
        node.unlink();
        state.nodeRemoved(node);
        state.nodeAddedWithChildren(admonition);
    }

    /** Drops the first {@code length} characters of the paragraph's text and the line break after them. */
    private static void removeMarker(Paragraph paragraph, int length) {
        int left = length;
        Node child = paragraph.getFirstChild();
        while (child != null && left > 0) {
            Node next = child.getNext();
            int size = child.getChars().length();
            if (child instanceof Text && size > left) {
                child.setChars(child.getChars().subSequence(left));
                left = 0;
            } else {
                left -= size;
                child.unlink();
            }
            child = next;
        }
        while (paragraph.getFirstChild() instanceof SoftLineBreak
                || paragraph.getFirstChild() instanceof Text t && t.getChars().isBlank()) {
            paragraph.getFirstChild().unlink();
        }
        if (paragraph.getFirstChild() == null) {
            paragraph.unlink();
        }
    }

    static class Factory extends NodePostProcessorFactory {

        Factory() {
            super(false);
            addNodes(BlockQuote.class);
        }

        @Override
        public @NotNull NodePostProcessor apply(@NotNull Document document) {
            return new AdmonitionPostProcessor();
        }
    }
}
