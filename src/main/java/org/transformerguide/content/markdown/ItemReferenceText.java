package org.transformerguide.content.markdown;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A learning path lists other documents' checklist items by id ({@code - [ ] {@nn-xor}}), so one item has
 * one tick wherever it is shown. A page is rendered before the others exist, so its referencing items get
 * a placeholder that the catalog replaces with the referenced item's own rendered text once all are done.
 */
public final class ItemReferenceText {

    private static final Pattern PLACEHOLDER = Pattern.compile("<!--item-text:([a-z0-9-]+)-->");
    private static final String TEXT_START = "<span class=\"task-text\">";
    private static final String TEXT_END = "</span></label><span class=\"save-status\"";

    private ItemReferenceText() {
    }

    static String placeholder(String itemId) {
        return "<!--item-text:" + itemId + "-->";
    }

    /** The inner HTML of item {@code itemId}'s text in a rendered page (math still as TeX for KaTeX), or null. */
    public static String itemHtml(String pageHtml, String itemId) {
        int item = pageHtml.indexOf("<li class=\"task-item\" data-item-id=\"" + itemId + "\" id=\"item-" + itemId + "\">");
        if (item < 0) {
            return null;
        }
        int start = pageHtml.indexOf(TEXT_START, item);
        int end = start < 0 ? -1 : pageHtml.indexOf(TEXT_END, start);
        return end < 0 ? null : pageHtml.substring(start + TEXT_START.length(), end);
    }

    /** Replaces every placeholder with what {@code textOf} gives for its item id. */
    public static String fill(String pageHtml, Function<String, String> textOf) {
        return PLACEHOLDER.matcher(pageHtml).replaceAll(m -> Matcher.quoteReplacement(textOf.apply(m.group(1))));
    }
}
