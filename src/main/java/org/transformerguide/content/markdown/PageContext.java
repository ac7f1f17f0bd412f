package org.transformerguide.content.markdown;

import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.DocumentLink;
import org.transformerguide.content.numbers.NumbersBlock;

/**
 * What rendering one document needs to know about the rest of the guide, and what it finds on the way:
 * the links it wrote, its worked-numbers blocks and the problems a writer must fix.
 *
 * @param existing slugs of the documents that exist
 * @param planned slugs of documents the guide will have; a link to one not written yet is "pending"
 */
public record PageContext(
        String slug,
        String fileName,
        Set<String> existing,
        Set<String> planned,
        String sourceUrl,
        List<DocumentLink> links,
        List<NumbersBlock> numbers,
        List<Formula> formulas,
        List<CodeBlock> codeBlocks,
        List<BlockReference> blockReferences,
        List<SourceLink> sourceLinks,
        List<ContentProblem> problems) {

    /** A link into the platform's own source ({@code ../src/...}), checked against the files by a test. */
    public record SourceLink(String path, int line) {
    }

    /** A widget's use of a numbers block of the same document, checked once the whole page is rendered. */
    public record BlockReference(String blockId, int line) {
    }

    /** A fenced code block: its language, the file it mirrors ({@code source=...}) if any, and its text. */
    public record CodeBlock(String language, String source, String code, int line) {
    }

    /** A formula as KaTeX will receive it, with the line it comes from. */
    public record Formula(String tex, boolean display, int line) {
    }

    public PageContext(String slug, String fileName, Set<String> existing, Set<String> planned) {
        this(slug, fileName, existing, planned, "");
    }

    /** @param sourceUrl where the platform's source can be browsed (ends with /), or empty */
    public PageContext(String slug, String fileName, Set<String> existing, Set<String> planned, String sourceUrl) {
        this(slug, fileName, existing, planned, sourceUrl, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    public void problem(Node node, String message) {
        problem(line(node), message);
    }

    public void problem(int line, String message) {
        problems.add(new ContentProblem(fileName, line, message));
    }

    /** 1-based line of a node in the source file (front matter included, as an editor shows it). */
    public static int line(Node node) {
        return node.getStartLineNumber() + 1;
    }
}
