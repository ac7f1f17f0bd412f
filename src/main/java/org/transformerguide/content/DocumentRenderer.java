package org.transformerguide.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.TocEntry;
import org.transformerguide.content.markdown.MarkdownPage;
import org.transformerguide.content.markdown.PageContext;
import org.transformerguide.content.numbers.NumbersBlock;

/** Turns one Markdown file into a {@link GuideDocument}, listing every problem it finds on the way. */
public final class DocumentRenderer {

    private static final Set<String> LEVELS = Set.of("beginner", "practitioner", "research", "all");

    private DocumentRenderer() {
    }

    /**
     * @param existing slugs of all documents being loaded, so links can tell a missing document apart
     * @param planned slugs the guide will have; links to those that do not exist yet are pending
     */
    public static GuideDocument render(String fileName, String source, Set<String> existing, Set<String> planned) {
        return render(fileName, source, existing, planned, "");
    }

    /** @param sourceUrl where links into the platform's source ({@code ../src/...}) should lead, or empty */
    public static GuideDocument render(String fileName, String source, Set<String> existing, Set<String> planned,
                                       String sourceUrl) {
        String slug = fileName.replaceFirst("\\.md$", "");
        PageContext page = new PageContext(slug, fileName, existing, planned, sourceUrl);
        MarkdownPage md = MarkdownPage.parse(source, page);
        Map<String, List<String>> front = md.frontMatter();
        List<ContentProblem> problems = new ArrayList<>(page.problems());

        String title = first(front, "title");
        if (title == null) {
            title = md.headings().stream().filter(h -> h.level() == 1).map(TocEntry::text).findFirst().orElse(null);
        }
        if (title == null || title.isBlank()) {
            problems.add(new ContentProblem(fileName, 1, "no title: add 'title:' to the front matter"));
            title = slug;
        }
        if (front.isEmpty()) {
            problems.add(new ContentProblem(fileName, 1, "no front matter block (--- title/summary/order/level ---)"));
        }
        int order = 100;
        String orderText = first(front, "order");
        if (orderText != null) {
            try {
                order = Integer.parseInt(orderText.strip());
            } catch (NumberFormatException e) {
                problems.add(new ContentProblem(fileName, 1, "front matter 'order' must be a whole number, got '" + orderText + "'"));
            }
        }
        String level = first(front, "level");
        if (level != null && !LEVELS.contains(level)) {
            problems.add(new ContentProblem(fileName, 1, "front matter 'level' must be one of " + LEVELS + ", got '" + level + "'"));
        }

        Set<String> anchors = new LinkedHashSet<>();
        md.headings().forEach(h -> anchors.add(h.id()));
        Set<String> itemIds = new HashSet<>();
        for (ChecklistItem item : md.checklist()) {
            anchors.add("item-" + item.id());
            if (!itemIds.add(item.id())) {
                problems.add(new ContentProblem(fileName, item.line(), "checklist id '" + item.id() + "' is used twice"));
            }
        }
        Set<String> numbersIds = new HashSet<>();
        for (NumbersBlock block : page.numbers()) {
            anchors.add("numbers-" + block.id());
            if (!numbersIds.add(block.id())) {
                problems.add(new ContentProblem(fileName, block.line(), "numbers block id '" + block.id() + "' is used twice"));
            }
        }
        for (var reference : page.blockReferences()) {
            if (!numbersIds.contains(reference.blockId())) {
                problems.add(new ContentProblem(fileName, reference.line(), "widget uses numbers block '"
                        + reference.blockId() + "', which this document does not have"));
            }
        }
        List<String> paths = front.getOrDefault("paths", List.of());
        for (String path : paths) {
            if (md.headings().stream().noneMatch(h -> h.id().equals(path))) {
                problems.add(new ContentProblem(fileName, 1, "front matter path '" + path + "' is not a heading of this document"));
            }
        }
        List<TocEntry> toc = md.headings().stream().filter(h -> h.level() == 2 || h.level() == 3).toList();
        return new GuideDocument(slug, fileName, title, orEmpty(first(front, "summary")), order,
                level == null ? "all" : level, md.html(), toc, List.copyOf(md.checklist()), List.copyOf(md.itemReferences()),
                List.copyOf(page.links()),
                Set.copyOf(anchors), List.copyOf(paths), List.copyOf(md.sections()), md.words(), List.copyOf(problems));
    }

    private static String first(Map<String, List<String>> front, String key) {
        List<String> values = front.get(key);
        return values == null || values.isEmpty() ? null : unquote(values.get(0).strip());
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
