package org.transformerguide.playground.page;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.HtmlUtils;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.widgets.Widget;
import org.transformerguide.content.widgets.WidgetSyntaxException;
import org.transformerguide.content.widgets.Widgets;

/**
 * Every widget of the registry as the playground page shows it: with its default options, in the same
 * container the guide's renderer writes (so the same {@code mountWidgets} finds it), and with the
 * documents that place it. A widget added to the registry appears here with no change to this page.
 */
final class PlaygroundWidgets {

    /** A document that places the widget. */
    record Placement(String url, String title) {
    }

    /**
     * @param html the widget's container, or null when it cannot stand alone (it reads a document's
     *             numbers blocks) and the reader is sent to its documents instead
     */
    record Entry(String name, String title, String html, List<Placement> placedIn) {
    }

    private PlaygroundWidgets() {
    }

    static List<Entry> all(List<GuideDocument> documents) {
        List<Entry> entries = new ArrayList<>();
        for (String name : Widgets.demoNames()) {
            Widget widget = Widgets.find(name).orElseThrow();
            entries.add(new Entry(name, widget.title(), html(name), placements(name, documents)));
        }
        return entries;
    }

    /** The container with the widget's default options, as DocumentRenderer writes it for a block. */
    static String html(String name) {
        Widgets.Placement placement;
        try {
            placement = Widgets.parse(name, "", 1);
        } catch (WidgetSyntaxException e) {
            return null; // it needs options only a document can give (e.g. the numbers blocks it animates)
        }
        StringBuilder html = new StringBuilder("<figure class=\"widget\" data-widget=\"").append(escape(name)).append('"');
        placement.options().forEach((key, value) -> html.append(" data-option-").append(key).append("=\"").append(escape(value)).append('"'));
        html.append(" aria-label=\"").append(escape(placement.widget().title())).append("\">")
                .append("<figcaption class=\"widget-title\">").append(escape(placement.widget().title())).append("</figcaption>")
                .append("<div class=\"widget-body\"><p class=\"widget-fallback\">").append(escape(placement.fallback()))
                .append("</p></div></figure>");
        return html.toString();
    }

    private static List<Placement> placements(String name, List<GuideDocument> documents) {
        String marker = "data-widget=\"" + name + "\"";
        return documents.stream().filter(d -> d.html().contains(marker)).map(d -> new Placement(d.url(), d.title())).toList();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
