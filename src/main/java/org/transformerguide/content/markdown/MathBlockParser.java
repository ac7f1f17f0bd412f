package org.transformerguide.content.markdown;

import com.vladsch.flexmark.parser.block.AbstractBlockParser;
import com.vladsch.flexmark.parser.block.AbstractBlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockContinue;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.MatchedBlockParser;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.parser.core.BlockQuoteParser;
import com.vladsch.flexmark.parser.core.FencedCodeBlockParser;
import com.vladsch.flexmark.parser.core.HeadingParser;
import com.vladsch.flexmark.parser.core.HtmlBlockParser;
import com.vladsch.flexmark.parser.core.IndentedCodeBlockParser;
import com.vladsch.flexmark.parser.core.ListBlockParser;
import com.vladsch.flexmark.parser.core.ThematicBreakParser;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * Display math that starts with {@code $$} at the beginning of a line and ends with {@code $$} at the
 * end of a line. Because it is a block parser, flexmark strips quote and list prefixes before it sees a
 * line, so display math works inside {@code >} quotes and list items too. A line such as
 * {@code $$x$$ is...} that goes on after its closing {@code $$} is left to the inline parser.
 */
class MathBlockParser extends AbstractBlockParser {

    private final MathBlock block = new MathBlock();
    private final int indent;

    MathBlockParser(int indent) {
        this.indent = indent;
    }

    @Override
    public Block getBlock() {
        return block;
    }

    @Override
    public BlockContinue tryContinue(ParserState state) {
        if (block.closed()) {
            return BlockContinue.none();
        }
        BasedSequence line = state.getLine();
        String rest = line.subSequence(Math.min(state.getIndex(), line.length())).toString().stripTrailing();
        if (rest.endsWith("$$")) {
            block.addLine(stripIndent(rest.substring(0, rest.length() - 2)));
            block.close();
            return BlockContinue.finished();
        }
        return BlockContinue.atIndex(state.getIndex());
    }

    @Override
    public void addLine(ParserState state, BasedSequence line) {
        block.addLine(stripIndent(line.toString().stripTrailing()));
    }

    private String stripIndent(String s) {
        int i = 0;
        while (i < indent && i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }

    @Override
    public boolean isPropagatingLastBlankLine(com.vladsch.flexmark.parser.block.BlockParser last) {
        return false;
    }

    @Override
    public void closeBlock(ParserState state) {
        block.setCharsFromContent();
    }

    static class Factory implements CustomBlockParserFactory {

        @Override
        public Set<Class<?>> getAfterDependents() {
            return Set.of(BlockQuoteParser.Factory.class, HeadingParser.Factory.class);
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return Set.of(FencedCodeBlockParser.Factory.class, HtmlBlockParser.Factory.class,
                    ThematicBreakParser.Factory.class, ListBlockParser.Factory.class,
                    IndentedCodeBlockParser.Factory.class);
        }

        @Override
        public boolean affectsGlobalScope() {
            return false;
        }

        @Override
        public @NotNull BlockParserFactory apply(@NotNull DataHolder options) {
            return new AbstractBlockParserFactory(options) {
                @Override
                public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
                    if (state.getIndent() >= 4) {
                        return BlockStart.none();
                    }
                    BasedSequence line = state.getLine();
                    int at = state.getNextNonSpaceIndex();
                    String rest = line.subSequence(at).toString().stripTrailing();
                    if (!rest.startsWith("$$")) {
                        return BlockStart.none();
                    }
                    String after = rest.substring(2);
                    int close = after.indexOf("$$");
                    if (close >= 0 && close + 2 < after.length()) {
                        return BlockStart.none(); // text after the closing $$: inline display math
                    }
                    MathBlockParser parser = new MathBlockParser(state.getIndent());
                    parser.block.startLine(state.getLineNumber() + 1);
                    if (close >= 0) {
                        parser.block.addLine(after.substring(0, close));
                        parser.block.close();
                    } else if (!after.isBlank()) {
                        parser.block.addLine(after);
                    }
                    return BlockStart.of(parser).atIndex(line.length());
                }
            };
        }
    }
}
