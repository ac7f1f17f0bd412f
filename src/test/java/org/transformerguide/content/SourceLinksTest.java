package org.transformerguide.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.markdown.MarkdownPage;
import org.transformerguide.content.markdown.PageContext;

/** Links from the guide into the platform's own source ({@code ../src/...}) lead to files that exist. */
class SourceLinksTest {

    @Test
    void everySourceLinkPointsToAnExistingFile() throws IOException {
        List<String> missing = new ArrayList<>();
        int links = 0;
        try (Stream<Path> files = Files.list(WorkedNumbers.CONTENT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String name = file.getFileName().toString();
                PageContext page = new PageContext(name.replace(".md", ""), name, Set.of(), Set.of());
                MarkdownPage.parse(Files.readString(file, StandardCharsets.UTF_8), page);
                for (PageContext.SourceLink link : page.sourceLinks()) {
                    links++;
                    if (!Files.isRegularFile(Path.of(link.path()))) {
                        missing.add(name + ":" + link.line() + ": " + link.path());
                    }
                }
            }
        }
        assertThat(links).as("pytorch_ref.md links the playground's source").isPositive();
        assertThat(missing).as("source links to files that do not exist").isEmpty();
    }

    @Test
    void aSourceLinkLeadsToTheConfiguredSourceBrowserOrShowsThePath() {
        String md = "---\ntitle: A\n---\n\nSee [the model](../src/main/java/X.java).\n";
        GuideDocument linked = DocumentRenderer.render("a.md", md, Set.of("a"), Set.of("a"), "https://git.example/repo/blob/main/");
        assertThat(linked.html()).contains("<a href=\"https://git.example/repo/blob/main/src/main/java/X.java\"");
        assertThat(linked.problems()).isEmpty();
        GuideDocument plain = DocumentRenderer.render("a.md", md, Set.of("a"), Set.of("a"));
        assertThat(plain.html()).contains("<span class=\"source-ref\"").contains("<code>src/main/java/X.java</code>")
                .doesNotContain("<a href");
    }
}
