package org.transformerguide.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.testing.SteppingClock;

class ContentCatalogTest {

    @TempDir
    Path dir;

    private static final String GOOD = "---\ntitle: Good\norder: 1\n---\n\n# Good\n\n## Part one\n\n- [ ] Done it {#good-one}\n";

    @Test
    void aBrokenDocumentIsReportedWithFileAndLineAndTheOthersStillRender() throws Exception {
        Files.writeString(dir.resolve("good.md"), GOOD);
        Files.writeString(dir.resolve("bad.md"), "---\ntitle: Bad\norder: 2\n---\n\n# Bad\n\nSee [nothing](./good.md#no-such-part).\n\n$$\nx^2\n");
        ContentCatalog catalog = new ContentCatalog(new ContentSource(dir.toString()), Set.of("good", "bad"), false);

        assertThat(catalog.problems()).extracting(ContentProblem::toString).containsExactlyInAnyOrder(
                "bad.md:10: display math opened with $$ is never closed (add a line ending in $$)",
                "bad.md:8: link './good.md#no-such-part': good.md has no anchor #no-such-part");
        assertThat(catalog.document("good").orElseThrow().html()).contains("<h2 id=\"part-one\">");
        assertThat(catalog.document("bad")).isPresent();
        assertThat(catalog.checklistItem("good-one")).isPresent();
    }

    @Test
    void theSameChecklistIdInTwoDocumentsIsAProblem() throws Exception {
        Files.writeString(dir.resolve("good.md"), GOOD);
        Files.writeString(dir.resolve("copy.md"), GOOD.replace("Good", "Copy").replace("order: 1", "order: 2"));
        ContentCatalog catalog = new ContentCatalog(new ContentSource(dir.toString()), Set.of(), false);
        assertThat(catalog.problems()).extracting(ContentProblem::message)
                .anyMatch(m -> m.contains("checklist id 'good-one' is also used in"));
    }

    @Test
    void documentsComeInTheirFrontMatterOrder() throws Exception {
        Files.writeString(dir.resolve("b.md"), "---\ntitle: B\norder: 1\n---\n# B\n");
        Files.writeString(dir.resolve("a.md"), "---\ntitle: A\norder: 2\n---\n# A\n");
        Files.writeString(dir.resolve("README.md"), "---\ntitle: Home\norder: 0\n---\n# Home\n");
        ContentCatalog catalog = new ContentCatalog(new ContentSource(dir.toString()), Set.of(), false);
        assertThat(catalog.documents()).extracting(GuideDocument::slug).containsExactly("README", "b", "a");
        assertThat(catalog.document("README").orElseThrow().url()).isEqualTo("/");
    }

    @Test
    void withWatchOnAnEditedFileIsRenderedAgain() throws Exception {
        Path file = dir.resolve("good.md");
        Files.writeString(file, GOOD);
        SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<ContentReloaded> events = new ArrayList<>();
        ContentCatalog catalog = new ContentCatalog(new ContentSource(dir.toString()), Set.of(), true, "", clock,
                event -> events.add((ContentReloaded) event));
        assertThat(catalog.document("good").orElseThrow().title()).isEqualTo("Good");

        Files.writeString(file, GOOD.replace("title: Good", "title: Better, and longer"));
        clock.advance(Duration.ofMillis(500));
        assertThat(catalog.document("good").orElseThrow().title()).as("looks at the folder at most once a second").isEqualTo("Good");
        assertThat(events).isEmpty();
        clock.advance(Duration.ofMillis(600));
        assertThat(catalog.document("good").orElseThrow().title()).isEqualTo("Better, and longer");
        assertThat(events).singleElement().extracting(ContentReloaded::documents).isSameAs(catalog.documents());
    }
}
