package org.transformerguide.content;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.TocEntry;

/**
 * The whole guide rendered once and held in memory. One broken document never takes the others down:
 * it is replaced by a page that says what is wrong, and every problem is logged with file and line.
 * Watching, it looks at the folder at most once a second (by its clock) and, after rendering again,
 * publishes {@link ContentReloaded}.
 */
public final class ContentCatalog implements GuideContent {

    private static final Logger log = LoggerFactory.getLogger(ContentCatalog.class);

    private final ContentSource source;
    private final Set<String> planned;
    private final boolean watch;
    private final String sourceUrl;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private volatile Snapshot snapshot;
    private volatile long fingerprint;
    private volatile long checkedAt;

    public ContentCatalog(ContentSource source, Set<String> planned, boolean watch) {
        this(source, planned, watch, "");
    }

    public ContentCatalog(ContentSource source, Set<String> planned, boolean watch, String sourceUrl) {
        this(source, planned, watch, sourceUrl, Clock.systemUTC(), event -> { });
    }

    /**
     * @param clock  when to look at the folder again (tests step it instead of sleeping)
     * @param events where {@link ContentReloaded} goes after each reload (not after the first load)
     */
    public ContentCatalog(ContentSource source, Set<String> planned, boolean watch, String sourceUrl, Clock clock,
                          ApplicationEventPublisher events) {
        this.source = source;
        this.clock = clock;
        this.events = events;
        this.planned = Set.copyOf(planned);
        this.watch = watch;
        String base = sourceUrl == null ? "" : sourceUrl.strip();
        this.sourceUrl = base.isEmpty() || base.endsWith("/") ? base : base + "/";
        this.checkedAt = clock.millis();
        load();
    }

    private record Snapshot(List<GuideDocument> documents, Map<String, GuideDocument> bySlug,
                            Map<String, ChecklistItem> items, List<LearningPath> paths, List<ContentProblem> problems) {
    }

    /** Renders every document again (on change when watching) and says so with {@link ContentReloaded}. */
    public synchronized void reload() {
        load();
        events.publishEvent(new ContentReloaded(snapshot.documents()));
    }

    private synchronized void load() {
        long started = System.nanoTime();
        fingerprint = source.fingerprint();
        Map<String, String> files = source.read();
        Set<String> slugs = new java.util.HashSet<>();
        files.keySet().forEach(f -> slugs.add(f.replaceFirst("\\.md$", "")));
        List<GuideDocument> documents = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            documents.add(renderSafely(file.getKey(), file.getValue(), slugs));
        }
        documents.sort(Comparator.comparingInt(GuideDocument::order).thenComparing(GuideDocument::slug));
        Map<String, GuideDocument> bySlug = new LinkedHashMap<>();
        documents.forEach(d -> bySlug.put(d.slug(), d));

        List<ContentProblem> problems = new ArrayList<>();
        documents.forEach(d -> problems.addAll(d.problems()));
        problems.addAll(LinkChecker.check(bySlug));
        Map<String, ChecklistItem> items = new HashMap<>();
        for (GuideDocument d : documents) {
            for (ChecklistItem item : d.checklist()) {
                ChecklistItem earlier = items.putIfAbsent(item.id(), item);
                if (earlier != null && !earlier.documentSlug().equals(d.slug())) {
                    problems.add(new ContentProblem(d.fileName(), item.line(), "checklist id '" + item.id()
                            + "' is also used in " + earlier.documentSlug() + ".md:" + earlier.line()));
                }
            }
        }
        List<GuideDocument> resolved = ItemReferences.resolve(documents, bySlug, items, problems);
        bySlug.clear();
        resolved.forEach(d -> bySlug.put(d.slug(), d));
        snapshot = new Snapshot(List.copyOf(resolved), bySlug, items, paths(bySlug.get(GuideDocument.LANDING)), List.copyOf(problems));
        problems.forEach(p -> log.warn("Content problem: {}", p));
        log.info("Rendered {} guide documents from {} in {} ms ({} problems)", documents.size(), source.location(),
                (System.nanoTime() - started) / 1_000_000, problems.size());
    }

    private GuideDocument renderSafely(String fileName, String text, Set<String> slugs) {
        try {
            return DocumentRenderer.render(fileName, text, slugs, planned, sourceUrl);
        } catch (RuntimeException e) {
            String slug = fileName.replaceFirst("\\.md$", "");
            log.error("Could not render {}", fileName, e);
            ContentProblem problem = new ContentProblem(fileName, 1, "could not be rendered: " + e);
            String html = "<div class=\"content-error\"><p>This page could not be rendered. The error has been logged.</p></div>";
            return new GuideDocument(slug, fileName, slug, "", 100, "all", html, List.of(), List.of(), List.of(), List.of(),
                    Set.of(), List.of(), List.of(), 0, List.of(problem));
        }
    }

    private static List<LearningPath> paths(GuideDocument landing) {
        if (landing == null) {
            return List.of();
        }
        List<LearningPath> paths = new ArrayList<>();
        for (String pathId : landing.pathIds()) {
            String title = landing.toc().stream().filter(t -> t.id().equals(pathId)).map(TocEntry::text).findFirst().orElse(pathId);
            List<String> itemIds = landing.itemReferences().stream().filter(i -> i.sections().contains(pathId)).map(ChecklistItem::id).toList();
            paths.add(new LearningPath(pathId, title, itemIds));
        }
        return List.copyOf(paths);
    }

    private Snapshot current() {
        long now = clock.millis();
        if (watch && now - checkedAt > 1000) {
            checkedAt = now;
            if (source.fingerprint() != fingerprint) {
                reload();
            }
        }
        return snapshot;
    }

    @Override
    public List<GuideDocument> documents() {
        return current().documents();
    }

    @Override
    public Optional<GuideDocument> document(String slug) {
        return Optional.ofNullable(current().bySlug().get(slug));
    }

    @Override
    public Optional<ChecklistItem> checklistItem(String id) {
        return Optional.ofNullable(current().items().get(id));
    }

    @Override
    public List<LearningPath> paths() {
        return current().paths();
    }

    /** Every problem found in the content: empty for a healthy guide. Tests assert on this. */
    public List<ContentProblem> problems() {
        return current().problems();
    }
}
