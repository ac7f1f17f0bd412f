package org.transformerguide.search;

import java.util.Set;
import org.transformerguide.content.ContentCatalog;
import org.transformerguide.content.ContentSource;

/** The real guide from ./content and its search, built once for all the search tests of a run. */
final class TestGuide {

    private static ContentCatalog catalog;
    private static SearchService search;

    private TestGuide() {
    }

    static synchronized ContentCatalog catalog() {
        if (catalog == null) {
            catalog = new ContentCatalog(new ContentSource("./content"), Set.of(), false);
        }
        return catalog;
    }

    static synchronized SearchService search() {
        if (search == null) {
            search = new SearchService(catalog());
        }
        return search;
    }
}
