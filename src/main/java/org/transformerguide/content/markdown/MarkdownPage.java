package org.transformerguide.content.markdown;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListItem;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.AbstractYamlFrontMatterVisitor;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterBlock;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.misc.Extension;
import com.vladsch.flexmark.util.sequence.Escaping;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.document.Section;
import org.transformerguide.content.document.TocEntry;

/**
 * One Markdown source parsed with the guide's extensions: front matter, headings with GitHub anchors,
 * checklist items with stable ids, and the HTML. Parsing is thread-safe: each page has its own state.
 */
public final class MarkdownPage {

    private static final Pattern EXPLICIT_ID = Pattern.compile("\\s*\\{#([a-z0-9]+(?:-[a-z0-9]+)*)}\\s*$");
    /** A task item that is only {@code {@id}} stands for another document's item (a learning path lists them). */
    private static final Pattern REFERENCE = Pattern.compile("\\s*\\{@([a-z0-9]+(?:-[a-z0-9]+)*)}\\s*");
    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), TaskListExtension.create(), StrikethroughExtension.create(),
            FootnoteExtension.create(), AutolinkExtension.create(), YamlFrontMatterExtension.create(),
            GuideMarkdownExtension.create());
    private static final DataHolder OPTIONS = new MutableDataSet()
            .set(Parser.EXTENSIONS, EXTENSIONS)
            // Problems and formulas carry their source line. Without the parser's line table flexmark finds
            // a node's line by counting line ends from the top of the file each time, which was half the
            // time of rendering the guide (a long page asks thousands of times).
            .set(Parser.TRACK_DOCUMENT_LINES, true)
            .set(TablesExtension.COLUMN_SPANS, false)
            .set(TablesExtension.APPEND_MISSING_COLUMNS, true)
            .set(TablesExtension.DISCARD_EXTRA_COLUMNS, true)
            .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
            .set(HtmlRenderer.GENERATE_HEADER_ID, false)
            .set(HtmlRenderer.RENDER_HEADER_ID, false)
            .toImmutable();
    private static final Parser PARSER = Parser.builder(OPTIONS).build();

    private final Map<String, List<String>> frontMatter;
    private final List<TocEntry> headings = new ArrayList<>();
    private final List<ChecklistItem> checklist = new ArrayList<>();
    private final List<ChecklistItem> itemReferences = new ArrayList<>();
    private final Set<TaskListItem> referencingItems = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Section> sections = new ArrayList<>();
    private final String html;
    private final int words;

    private MarkdownPage(String source, PageContext page) {
        Document document = PARSER.parse(source);
        AbstractYamlFrontMatterVisitor yaml = new AbstractYamlFrontMatterVisitor();
        yaml.visit(document);
        frontMatter = yaml.getData();
        Map<TaskListItem, String> itemIds = new IdentityHashMap<>();
        walk(document, new GithubSlugger(), new ArrayList<>(), itemIds, page);
        HtmlRenderer renderer = HtmlRenderer.builder(OPTIONS)
                .nodeRendererFactory(options -> new GuideNodeRenderer(page, itemIds, referencingItems))
                .build();
        html = renderer.render(document);
        collectSections(document);
        words = sections.stream().mapToInt(s -> countWords(s.text())).sum();
    }

    public static MarkdownPage parse(String source, PageContext page) {
        return new MarkdownPage(source, page);
    }

    /** Front matter as the YAML extension reads it: each key to its list of values. */
    public Map<String, List<String>> frontMatter() {
        return frontMatter;
    }

    public List<TocEntry> headings() {
        return headings;
    }

    public List<ChecklistItem> checklist() {
        return checklist;
    }

    /** Items of other documents this page lists by {@code {@id}}; their text is filled in by the catalog. */
    public List<ChecklistItem> itemReferences() {
        return itemReferences;
    }

    public String html() {
        return html;
    }

    public int words() {
        return words;
    }

    public List<Section> sections() {
        return sections;
    }

    /** Splits the document at its headings into plain-text sections (after the walk has given ids). */
    private void collectSections(Document document) {
        String id = "";
        String title = "";
        int level = 1;
        StringBuilder text = new StringBuilder();
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading) {
                if (!text.isEmpty() || !title.isEmpty()) {
                    sections.add(new Section(id, title, level, text.toString().strip()));
                }
                id = heading.getAnchorRefId();
                title = plainText(heading).strip();
                level = heading.getLevel();
                text.setLength(0);
            } else if (!(block instanceof YamlFrontMatterBlock)) {
                appendBlockText(block, text);
                text.append('\n');
            }
        }
        if (!text.isEmpty() || !title.isEmpty()) {
            sections.add(new Section(id, title, level, text.toString().strip()));
        }
    }

    private static void appendBlockText(Node node, StringBuilder out) {
        if (node instanceof MathBlock math) {
            out.append(math.tex()).append(' ');
        } else if (node instanceof FencedCodeBlock code) {
            out.append(code.getContentChars()).append(' ');
        } else if (node instanceof Paragraph || node instanceof Heading) {
            out.append(plainText(node)).append(' ');
        } else {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                appendBlockText(child, out);
            }
            if (node.getFirstChild() == null) {
                out.append(plainText(node)).append(' ');
            }
        }
    }

    /** Document-order walk that gives headings their anchors and checklist items their ids and sections. */
    private void walk(Node node, GithubSlugger slugger, List<TocEntry> open, Map<TaskListItem, String> ids, PageContext page) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Heading heading) {
                String text = plainText(heading).strip();
                String id = slugger.unique(text);
                heading.setAnchorRefId(id);
                TocEntry entry = new TocEntry(heading.getLevel(), id, text, PageContext.line(heading));
                headings.add(entry);
                open.removeIf(h -> h.level() >= heading.getLevel());
                open.add(entry);
            } else if (child instanceof TaskListItem item && referenceOf(item) != null) {
                String target = referenceOf(item);
                ids.put(item, target);
                referencingItems.add(item);
                itemReferences.add(new ChecklistItem(target, "", page.slug(), open.stream().map(TocEntry::id).toList(),
                        PageContext.line(item), true));
            } else if (child instanceof TaskListItem item) {
                String explicit = takeExplicitId(item);
                String id = explicit != null ? explicit : derivedId(item, page.slug());
                ids.put(item, id);
                checklist.add(new ChecklistItem(id, plainText(item.getFirstChild()).strip(), page.slug(),
                        open.stream().map(TocEntry::id).toList(), PageContext.line(item), explicit != null));
                walk(child, slugger, open, ids, page);
            } else {
                walk(child, slugger, open, ids, page);
            }
        }
    }

    /** The id in an item that is only {@code {@id}}, or null for an ordinary item. */
    private static String referenceOf(TaskListItem item) {
        Node first = item.getFirstChild();
        if (first instanceof Paragraph && first.getFirstChild() == first.getLastChild() && first.getFirstChild() instanceof Text text) {
            Matcher m = REFERENCE.matcher(text.getChars());
            return m.matches() ? m.group(1) : null;
        }
        return null;
    }

    /** Removes a trailing {@code {#id}} from the item's first line and returns the id, or null. */
    private static String takeExplicitId(TaskListItem item) {
        Node first = item.getFirstChild();
        Node last = first instanceof Paragraph ? first.getLastChild() : null;
        if (last instanceof Text text) {
            Matcher m = EXPLICIT_ID.matcher(text.getChars());
            if (m.find()) {
                text.setChars(text.getChars().subSequence(0, m.start()));
                return m.group(1);
            }
        }
        return null;
    }

    /** An id from the document and the item's words, for items whose author gave none. */
    private static String derivedId(TaskListItem item, String slug) {
        String derived = GithubSlugger.slug(plainText(item.getFirstChild()).strip()).replaceAll("-{2,}", "-");
        return (slug + "-" + derived).substring(0, Math.min(80, slug.length() + 1 + derived.length()));
    }

    /** The text a reader sees, with math as its TeX (as GitHub does when it makes an anchor). */
    public static String plainText(Node node) {
        StringBuilder out = new StringBuilder();
        appendText(node, out);
        return out.toString();
    }

    private static void appendText(Node node, StringBuilder out) {
        if (node == null) {
            return;
        }
        if (node instanceof Text) {
            out.append(node.getChars());
            return;
        } else if (node instanceof Code code) {
            out.append(code.getText());
            return;
        } else if (node instanceof MathInline math) {
            out.append(math.tex());
        } else if (node instanceof HtmlEntity) {
            out.append(Escaping.unescapeHtml(node.getChars()));
        } else if (node instanceof SoftLineBreak) {
            out.append(' ');
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (node instanceof TaskListItem && child != node.getFirstChild()) {
                break; // an item's text is its first paragraph; nested lists are items of their own
            }
            appendText(child, out);
        }
    }

    private static int countWords(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                count++;
            }
            inWord = letter;
        }
        return count;
    }
}
