package org.transformerguide.content.markdown;

import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import org.jetbrains.annotations.NotNull;

/** The guide's own Markdown syntax: {@code $} and {@code $$} math, and GitHub-style alerts. */
public final class GuideMarkdownExtension implements Parser.ParserExtension {

    private GuideMarkdownExtension() {
    }

    public static GuideMarkdownExtension create() {
        return new GuideMarkdownExtension();
    }

    @Override
    public void parserOptions(MutableDataHolder options) {
    }

    @Override
    public void extend(Parser.@NotNull Builder parser) {
        parser.customInlineParserExtensionFactory(new MathInlineParser.Factory());
        parser.customBlockParserFactory(new MathBlockParser.Factory());
        parser.postProcessorFactory(new AdmonitionPostProcessor.Factory());
    }
}
