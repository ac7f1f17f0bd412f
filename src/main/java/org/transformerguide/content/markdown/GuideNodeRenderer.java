package org.transformerguide.content.markdown;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListItem;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.sequence.Escaping;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.transformerguide.content.document.DocumentLink;
import org.transformerguide.content.numbers.NumbersBlock;
import org.transformerguide.content.numbers.NumbersBlockParser;
import org.transformerguide.content.numbers.NumbersSyntaxException;
import org.transformerguide.content.numbers.NumbersTex;
import org.transformerguide.content.numbers.NumbersValue;
import org.transformerguide.content.widgets.WidgetSyntaxException;
import org.transformerguide.content.widgets.Widgets;

/**
 * HTML for the guide's own nodes and for the standard nodes the platform treats specially: math is
 * written out as escaped TeX for KaTeX, headings carry GitHub anchors, task items become checkboxes
 * with stable ids, links to {@code .md} files become platform URLs.
 */
class GuideNodeRenderer implements NodeRenderer {

    private final PageContext page;
    private final Map<TaskListItem, String> itemIds;
    private final Set<TaskListItem> references;

    GuideNodeRenderer(PageContext page, Map<TaskListItem, String> itemIds, Set<TaskListItem> references) {
        this.page = page;
        this.itemIds = itemIds;
        this.references = references;
    }

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(
                new NodeRenderingHandler<>(MathInline.class, this::renderMath),
                new NodeRenderingHandler<>(MathBlock.class, this::renderMathBlock),
                new NodeRenderingHandler<>(Admonition.class, this::renderAdmonition),
                new NodeRenderingHandler<>(FencedCodeBlock.class, this::renderFence),
                new NodeRenderingHandler<>(Heading.class, this::renderHeading),
                new NodeRenderingHandler<>(TaskListItem.class, this::renderTaskItem),
                new NodeRenderingHandler<>(Link.class, this::renderLink),
                new NodeRenderingHandler<>(Image.class, this::renderImage));
    }

    private void renderMath(MathInline node, NodeRendererContext context, HtmlWriter html) {
        page.formulas().add(new PageContext.Formula(node.tex(), node.display(), PageContext.line(node)));
        String kind = node.display() ? "math math-display" : "math math-inline";
        html.raw("<span class=\"" + kind + "\">" + escape(node.tex()) + "</span>");
    }

    private void renderMathBlock(MathBlock node, NodeRendererContext context, HtmlWriter html) {
        if (!node.closed()) {
            page.problem(node.startLine(), "display math opened with $$ is never closed (add a line ending in $$)");
        }
        displayMath(html, node.tex(), node.startLine());
    }

    private void displayMath(HtmlWriter html, String tex, int line) {
        page.formulas().add(new PageContext.Formula(tex.strip(), true, line));
        html.line().raw("<div class=\"math math-display\">" + escape(tex.strip()) + "</div>").line();
    }

    private void renderAdmonition(Admonition node, NodeRendererContext context, HtmlWriter html) {
        String kind = node.kind().name().toLowerCase(Locale.ROOT);
        html.line().raw("<aside class=\"admonition admonition-" + kind + "\" aria-label=\"" + node.kind().title() + "\">");
        html.raw("<p class=\"admonition-title\">" + node.kind().title() + "</p>").line();
        context.renderChildren(node);
        html.raw("</aside>").line();
    }

    private void renderFence(FencedCodeBlock node, NodeRendererContext context, HtmlWriter html) {
        String info = node.getInfo().toString().strip();
        String[] words = info.isEmpty() ? new String[] {""} : info.split("\\s+");
        String language = words[0].toLowerCase(Locale.ROOT);
        String code = node.getContentChars().normalizeEOL();
        switch (language) {
            case "math" -> displayMath(html, code, PageContext.line(node));
            case "numbers" -> renderNumbers(node, words.length > 1 ? words[1] : null, code, html);
            case "widget" -> renderWidget(node, words.length > 1 ? words[1] : null, code, html);
            default -> {
                String source = attribute(words, "source");
                page.codeBlocks().add(new PageContext.CodeBlock(language, source, code, PageContext.line(node)));
                html.line().raw("<div class=\"code-block\"" + (source == null ? "" : " data-source=\"" + escape(source) + "\"") + ">");
                html.raw("<pre><code" + (language.isEmpty() ? "" : " class=\"language-" + escape(language) + "\"") + ">");
                html.raw(escape(code));
                html.raw("</code></pre></div>").line();
            }
        }
    }

    private static String attribute(String[] words, String name) {
        for (String word : words) {
            if (word.startsWith(name + "=")) {
                return word.substring(name.length() + 1);
            }
        }
        return null;
    }

    private void renderNumbers(FencedCodeBlock node, String id, String body, HtmlWriter html) {
        int line = PageContext.line(node);
        NumbersBlock block;
        try {
            block = NumbersBlockParser.parse(id, body, line, line + 1);
        } catch (NumbersSyntaxException e) {
            page.problem(e.line(), e.getMessage());
            html.line().raw("<pre class=\"content-error\">" + escape(body) + "</pre>").line();
            return;
        }
        page.numbers().add(block);
        html.line().raw("<figure class=\"worked-numbers\" id=\"numbers-" + block.id() + "\" data-values=\""
                + escape(valuesJson(block)) + "\">");
        html.raw("<figcaption>Worked numbers <span class=\"numbers-id\">" + block.id() + "</span>");
        for (String comment : block.comments()) {
            html.raw("<span class=\"numbers-note\">" + escape(comment) + "</span>");
        }
        html.raw("</figcaption><div class=\"numbers-grid\">");
        for (NumbersValue value : block.values()) {
            page.formulas().add(new PageContext.Formula(NumbersTex.of(value), true, value.line()));
            html.raw("<div class=\"math math-display\" data-name=\"" + value.name() + "\">" + escape(NumbersTex.of(value)) + "</div>");
        }
        html.raw("</div></figure>").line();
    }

    /**
     * A live demo: a container the widget's ES module draws into, its options as data attributes, and a
     * sentence saying what it would show for readers without JavaScript.
     */
    private void renderWidget(FencedCodeBlock node, String name, String body, HtmlWriter html) {
        Widgets.Placement placement;
        try {
            placement = Widgets.parse(name, body, PageContext.line(node));
        } catch (WidgetSyntaxException e) {
            page.problem(e.line(), e.getMessage());
            html.line().raw("<pre class=\"content-error\">" + escape(body) + "</pre>").line();
            return;
        }
        Widgets.numbersBlocksUsed(placement).forEach(id -> page.blockReferences().add(
                new PageContext.BlockReference(id, PageContext.line(node))));
        StringBuilder attributes = new StringBuilder();
        placement.options().forEach((key, value) -> attributes.append(" data-option-").append(key)
                .append("=\"").append(escape(value)).append('"'));
        html.line().raw("<figure class=\"widget\" data-widget=\"" + placement.widget().name() + "\"" + attributes
                + " aria-label=\"" + escape(placement.widget().title()) + "\">");
        html.raw("<figcaption class=\"widget-title\">" + escape(placement.widget().title()) + "</figcaption>");
        html.raw("<div class=\"widget-body\"><p class=\"widget-fallback\">" + escape(placement.fallback()) + "</p></div>");
        html.raw("</figure>").line();
    }

    /** The block's values as printed, {"W1": [["1", "1"], ...]}, for widgets that animate a worked example. */
    private static String valuesJson(NumbersBlock block) {
        StringBuilder json = new StringBuilder("{");
        for (NumbersValue value : block.values()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(value.name()).append("\":[");
            String[][] rows = value.printed();
            for (int r = 0; r < rows.length; r++) {
                json.append(r > 0 ? ",[" : "[");
                for (int c = 0; c < rows[r].length; c++) {
                    json.append(c > 0 ? "," : "").append('"').append(rows[r][c]).append('"');
                }
                json.append(']');
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private void renderHeading(Heading node, NodeRendererContext context, HtmlWriter html) {
        String id = node.getAnchorRefId();
        String tag = "h" + node.getLevel();
        html.line().raw("<" + tag + " id=\"" + escape(id) + "\">");
        context.renderChildren(node);
        if (node.getLevel() > 1) {
            html.raw("<a class=\"heading-anchor\" href=\"#" + escape(id) + "\" aria-label=\"Link to this section\">#</a>");
        }
        html.raw("</" + tag + ">").line();
    }

    private void renderTaskItem(TaskListItem node, NodeRendererContext context, HtmlWriter html) {
        String id = itemIds.get(node);
        if (references.contains(node)) {
            // Ticks the other document's item; no id attribute, since two paths may list the same item.
            html.line().raw("<li class=\"task-item item-reference\" data-item-id=\"" + escape(id) + "\">");
            html.raw("<label><input type=\"checkbox\" class=\"task-checkbox\" disabled> <span class=\"task-text\">"
                    + ItemReferenceText.placeholder(id));
            html.raw("</span></label><span class=\"save-status\" role=\"status\" aria-live=\"polite\"></span></li>").line();
            return;
        }
        html.line().raw("<li class=\"task-item\" data-item-id=\"" + escape(id) + "\" id=\"item-" + escape(id) + "\">");
        html.raw("<label><input type=\"checkbox\" class=\"task-checkbox\" disabled"
                + (node.isItemDoneMarker() ? " data-author-checked" : "") + "> <span class=\"task-text\">");
        context.renderChildren(node);
        html.raw("</span></label><span class=\"save-status\" role=\"status\" aria-live=\"polite\"></span></li>").line();
    }

    private void renderLink(Link node, NodeRendererContext context, HtmlWriter html) {
        String url = node.getUrl().unescape();
        String title = node.getTitle().isEmpty() ? null : node.getTitle().unescape();
        if (GuideLinks.isExternal(url)) {
            anchor(html, context, node, url, title, "external");
            return;
        }
        if (GuideLinks.isSource(url)) {
            renderSourceLink(node, context, html, url);
            return;
        }
        GuideLinks.Target target = GuideLinks.parse(url);
        if (target == null) {
            page.problem(node, "link '" + url + "' points to no guide document (write ./name.md#anchor)");
            anchor(html, context, node, url, title, "broken-link");
            return;
        }
        String slug = target.slug() == null ? page.slug() : GuideLinks.normalizedSlug(target.slug());
        boolean exists = page.existing().contains(slug);
        boolean pending = !exists && page.planned().contains(slug);
        page.links().add(new DocumentLink(slug, target.anchor(), pending, PageContext.line(node), url));
        if (pending) {
            html.raw("<span class=\"pending-link\" title=\"This part of the guide is not written yet\">");
            context.renderChildren(node);
            html.raw(" <small>(not written yet)</small></span>");
        } else if (!exists) {
            page.problem(node, "link '" + url + "' points to a document that does not exist");
            anchor(html, context, node, url, title, "broken-link");
        } else {
            String href = target.slug() == null ? "#" + target.anchor() : GuideLinks.url(slug, target.anchor());
            anchor(html, context, node, href, title, null);
        }
    }

    /**
     * A link to the platform's own code: to the configured source browser (e.g. the repository's web view),
     * or, with none configured, the path shown as code so the reader can find the file.
     */
    private void renderSourceLink(Link node, NodeRendererContext context, HtmlWriter html, String url) {
        String path = url.substring(3);
        page.sourceLinks().add(new PageContext.SourceLink(path, PageContext.line(node)));
        if (!page.sourceUrl().isEmpty()) {
            anchor(html, context, node, page.sourceUrl() + path, path, "source-link");
        } else {
            html.raw("<span class=\"source-ref\" title=\"" + escape(path) + "\">");
            context.renderChildren(node);
            html.raw(" <small>(<code>" + escape(path) + "</code>)</small></span>");
        }
    }

    private static void anchor(HtmlWriter html, NodeRendererContext context, Link node, String href, String title, String cssClass) {
        html.raw("<a href=\"" + escape(href) + "\"" + (title == null ? "" : " title=\"" + escape(title) + "\"")
                + (cssClass == null ? "" : " class=\"" + cssClass + "\"") + ">");
        context.renderChildren(node);
        html.raw("</a>");
    }

    private void renderImage(Image node, NodeRendererContext context, HtmlWriter html) {
        String url = node.getUrl().unescape();
        String src = GuideLinks.isExternal(url) ? url : "/content-assets/" + url.replaceFirst("^\\./", "");
        String alt = node.getText().toString();
        html.raw("<img src=\"" + escape(src) + "\" alt=\"" + escape(alt) + "\" loading=\"lazy\">");
    }

    static String escape(String s) {
        return Escaping.escapeHtml(s, false);
    }
}
