package org.transformerguide.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transformerguide.content.ContentCatalog;
import org.transformerguide.content.ContentReloaded;
import org.transformerguide.content.ContentSource;
import org.transformerguide.testing.SelfContained;
import org.transformerguide.testing.SteppingClock;

/** The index follows the catalog: rebuilt after a reload, and never seen half-built. */
@SelfContained
class SearchIndexRebuildTest {

    @TempDir
    Path dir;

    private static String document(String title, String body) {
        return "---\ntitle: " + title + "\norder: 1\n---\n\n# " + title + "\n\n## Animals\n\n" + body + "\n";
    }

    @Test
    void anEditedDocumentIsSearchableOnceTheCatalogHasReloadedIt() throws Exception {
        Path file = dir.resolve("zoo.md");
        Files.writeString(file, document("Zoo", "The zebra grazes."));
        SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicReference<SearchService> listener = new AtomicReference<>();
        ContentCatalog catalog = new ContentCatalog(new ContentSource(dir.toString()), Set.of(), true, "", clock,
                event -> listener.get().contentReloaded((ContentReloaded) event));
        SearchService search = new SearchService(catalog);
        listener.set(search);
        SectionIndex first = search.current();
        assertThat(search.search("zebra", 10).results()).extracting(SearchResult::url).containsExactly("/guide/zoo#animals");
        assertThat(search.search("okapi", 10).results()).isEmpty();
        assertThat(search.current()).as("unchanged content, same index").isSameAs(first);

        Files.writeString(file, document("Zoo", "The okapi hides."));
        clock.advance(Duration.ofMillis(1100)); // the catalog looks at the folder at most once a second
        assertThat(search.search("okapi", 10).results()).extracting(SearchResult::sectionTitle).containsExactly("Animals");
        assertThat(search.search("zebra", 10).results()).isEmpty();
        assertThat(search.current()).isNotSameAs(first);
    }

    @Test
    void searchesFromManyThreadsAgreeWhileTheIndexIsRebuilt() throws Exception {
        SearchService search = TestGuide.search();
        List<String> expected = search.search("causal mask", 5).results().stream().map(SearchResult::url).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i % 10 == 0) {
                    answers.add(pool.submit(() -> {
                        SectionIndex.build(TestGuide.catalog().documents()); // a concurrent build changes nothing
                        return expected;
                    }));
                }
                answers.add(pool.submit(() -> search.search("causal mask", 5).results().stream().map(SearchResult::url).toList()));
            }
            for (Future<List<String>> answer : answers) {
                assertThat(answer.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
