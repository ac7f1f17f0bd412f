package org.transformerguide.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.DocumentLink;
import org.transformerguide.content.document.GuideDocument;

/** Checks that every link between documents lands on an anchor that exists; pending links are skipped. */
final class LinkChecker {

    private LinkChecker() {
    }

    static List<ContentProblem> check(Map<String, GuideDocument> bySlug) {
        List<ContentProblem> problems = new ArrayList<>();
        for (GuideDocument document : bySlug.values()) {
            for (DocumentLink link : document.links()) {
                GuideDocument target = bySlug.get(link.targetSlug());
                if (link.pending() || target == null || link.anchor() == null) {
                    continue; // pending: not written yet; missing: already reported when rendering
                }
                if (!target.anchors().contains(link.anchor())) {
                    problems.add(new ContentProblem(document.fileName(), link.line(), "link '" + link.written()
                            + "': " + target.fileName() + " has no anchor #" + link.anchor()));
                }
            }
        }
        return problems;
    }
}
