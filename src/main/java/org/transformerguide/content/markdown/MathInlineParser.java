package org.transformerguide.content.markdown;

import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.InlineParserExtension;
import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * Inline math with Pandoc's rules, which leave prose dollars alone: an opening {@code $} must not be
 * followed by a space, a closing {@code $} must not follow a space nor be followed by a digit. So
 * "{@code $x_i$}" is math and "it costs $5 and $6" is text. The whole span becomes one node, so
 * Markdown never sees the {@code _}, {@code *} or {@code \\} inside it.
 */
class MathInlineParser implements InlineParserExtension {

    MathInlineParser(LightInlineParser parser) {
    }

    @Override
    public void finalizeDocument(@NotNull InlineParser inlineParser) {
    }

    @Override
    public void finalizeBlock(@NotNull InlineParser inlineParser) {
    }

    @Override
    public boolean parse(@NotNull LightInlineParser parser) {
        BasedSequence input = parser.getInput();
        int start = parser.getIndex();
        boolean display = start + 1 < input.length() && input.charAt(start + 1) == '$';
        int end = display ? closingDouble(input, start + 2) : closingSingle(input, start + 1);
        if (end < 0) {
            return false;
        }
        int fence = display ? 2 : 1;
        String tex = input.subSequence(start + fence, end).toString();
        parser.flushTextNode();
        parser.getBlock().appendChild(new MathInline(input.subSequence(start, end + fence), tex.strip(), display));
        parser.setIndex(end + fence);
        return true;
    }

    private static int closingSingle(BasedSequence s, int from) {
        if (from >= s.length() || Character.isWhitespace(s.charAt(from)) || s.charAt(from) == '$') {
            return -1;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++; // an escaped character, \$ included, never closes
            } else if (c == '$') {
                boolean afterSpace = Character.isWhitespace(s.charAt(i - 1));
                boolean beforeDigit = i + 1 < s.length() && Character.isDigit(s.charAt(i + 1));
                if (!afterSpace && !beforeDigit) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int closingDouble(BasedSequence s, int from) {
        for (int i = from; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '$' && s.charAt(i + 1) == '$') {
                return i > from ? i : -1;
            }
        }
        return -1;
    }

    static class Factory implements InlineParserExtensionFactory {

        @Override
        public @NotNull CharSequence getCharacters() {
            return "$";
        }

        @Override
        public @NotNull InlineParserExtension apply(@NotNull LightInlineParser parser) {
            return new MathInlineParser(parser);
        }

        @Override
        public Set<Class<?>> getAfterDependents() {
            return null;
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return null;
        }

        @Override
        public boolean affectsGlobalScope() {
            return false;
        }
    }
}
