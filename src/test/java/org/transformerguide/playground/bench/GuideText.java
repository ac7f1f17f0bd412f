package org.transformerguide.playground.bench;

import java.util.Set;
import org.transformerguide.content.ContentCatalog;
import org.transformerguide.content.ContentSource;
import org.transformerguide.playground.service.GuideCorpus;

/** The guide's text split as the default model sees it, read from {@code guide.content.location} (default the bundled guide). */
final class GuideText {

    private GuideText() {
    }

    static GuideCorpus corpus() {
        String location = System.getProperty("guide.content.location", "classpath:content/");
        return GuideCorpus.of(new ContentCatalog(new ContentSource(location), Set.of(), false));
    }
}
