package org.transformerguide.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.transformerguide.content.ContentReloaded;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;

/**
 * Every guide page (the landing page and one per document in content/) rendered once to its final bytes.
 * The set is rebuilt whenever the content is ({@link ContentReloaded}). Nothing here names a document: a file added to content/ gets its page like the rest.
 */
@Component
public class PageArtifacts {

    private static final Logger log = LoggerFactory.getLogger(PageArtifacts.class);

    private record Built(List<GuideDocument> from, Map<String, PageArtifact> byPath) {
    }

    private final GuideContent content;
    private final PageRenderer renderer;
    private volatile Built built = new Built(null, Map.of());

    PageArtifacts(GuideContent content, PageRenderer renderer) {
        this.content = content;
        this.renderer = renderer;
    }

    /** At start-up, once the web layer (and its versioned static URLs) is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void buildAtStart() {
        current();
    }

    /** The page served at {@code path} ("/" or "/guide/{slug}"), if there is one. */
    public Optional<PageArtifact> page(String path) {
        return Optional.ofNullable(current().byPath().get(path));
    }

    /** All pages in reading order. */
    public List<PageArtifact> pages() {
        return List.copyOf(current().byPath().values());
    }

    private Built current() {
        content.documents(); // watching, reading the content is when it looks at its files (and says if they changed)
        Built now = built;
        if (now.from() != null) {
            return now;
        }
        synchronized (this) {
            if (built.from() == null) {
                built = build(content.documents());
            }
            return built;
        }
    }

    /** The guide was rendered again: every page is built again from the new documents. */
    @EventListener
    public synchronized void contentReloaded(ContentReloaded event) {
        built = build(event.documents());
    }

    private Built build(List<GuideDocument> documents) {
        long started = System.nanoTime();
        Map<String, PageArtifact> pages = new LinkedHashMap<>();
        long bytes = 0;
        for (GuideDocument document : documents) {
            PageArtifact page = PageArtifact.of(document.url(), renderer.render(document, documents));
            pages.put(page.path(), page);
            bytes += page.html().length;
        }
        log.info("Built {} pages ({} kB) in {} ms", pages.size(), bytes / 1024, (System.nanoTime() - started) / 1_000_000);
        return new Built(documents, java.util.Collections.unmodifiableMap(pages));
    }
}
