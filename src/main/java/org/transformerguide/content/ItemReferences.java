package org.transformerguide.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.markdown.ItemReferenceText;
import org.springframework.web.util.HtmlUtils;

/**
 * Fills in the items a page lists by {@code {@id}} with the referenced item's own text and a link to it,
 * and reports references to items that do not exist (or to the page's own items, which need no reference).
 */
final class ItemReferences {

    private ItemReferences() {
    }

    static List<GuideDocument> resolve(List<GuideDocument> documents, Map<String, GuideDocument> bySlug,
                                       Map<String, ChecklistItem> items, List<ContentProblem> problems) {
        List<GuideDocument> resolved = new ArrayList<>(documents.size());
        for (GuideDocument document : documents) {
            if (document.itemReferences().isEmpty()) {
                resolved.add(document);
                continue;
            }
            for (ChecklistItem reference : document.itemReferences()) {
                ChecklistItem target = items.get(reference.id());
                if (target == null) {
                    problems.add(new ContentProblem(document.fileName(), reference.line(),
                            "checklist reference {@" + reference.id() + "} names no checklist item"));
                } else if (target.documentSlug().equals(document.slug())) {
                    problems.add(new ContentProblem(document.fileName(), reference.line(),
                            "checklist reference {@" + reference.id() + "} names an item of this same document"));
                }
            }
            resolved.add(document.withHtml(ItemReferenceText.fill(document.html(), id -> textOf(id, bySlug, items))));
        }
        return resolved;
    }

    private static String textOf(String itemId, Map<String, GuideDocument> bySlug, Map<String, ChecklistItem> items) {
        ChecklistItem item = items.get(itemId);
        GuideDocument home = item == null ? null : bySlug.get(item.documentSlug());
        String html = home == null ? null : ItemReferenceText.itemHtml(home.html(), itemId);
        if (html == null) {
            return HtmlUtils.htmlEscape("{@" + itemId + "}");
        }
        return html + " <a class=\"item-home\" href=\"" + home.url() + "#item-" + itemId + "\">("
                + HtmlUtils.htmlEscape(home.title()) + ")</a>";
    }
}
