package org.transformerguide.content.document;

import java.util.List;
import java.util.Set;

/**
 * One rendered guide document, held in memory and served as it is.
 *
 * @param slug the file name without {@code .md}; {@code README} is the landing page
 * @param anchors every id a link may point to in this document (headings and explicit ids)
 * @param itemReferences other documents' checklist items this one lists by {@code {@id}} (the learning paths)
 */
public record GuideDocument(
        String slug,
        String fileName,
        String title,
        String summary,
        int order,
        String level,
        String html,
        List<TocEntry> toc,
        List<ChecklistItem> checklist,
        List<ChecklistItem> itemReferences,
        List<DocumentLink> links,
        Set<String> anchors,
        List<String> pathIds,
        List<Section> sections,
        int words,
        List<ContentProblem> problems) {

    public static final String LANDING = "README";

    /** The same document with other HTML (the catalog fills in referenced items' text). */
    public GuideDocument withHtml(String newHtml) {
        return new GuideDocument(slug, fileName, title, summary, order, level, newHtml, toc, checklist, itemReferences,
                links, anchors, pathIds, sections, words, problems);
    }

    public boolean isLanding() {
        return LANDING.equals(slug);
    }

    /** Where the platform serves this document. */
    public String url() {
        return urlOf(slug);
    }

    public static String urlOf(String slug) {
        return LANDING.equals(slug) ? "/" : "/guide/" + slug;
    }

    /** Minutes a reader needs at about 200 words a minute (formulas and code count as words too). */
    public int readingMinutes() {
        return Math.max(1, Math.round(words / 200f));
    }
}
