package org.transformerguide.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.GuideDocument;

/** The real guide, loaded as the platform loads it: no problem of any kind may be left in it. */
class GuideContentTest {

    private static ContentCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = new ContentCatalog(new ContentSource("./content"), Set.of("README", "nn_intro", "mlp_intro", "rnn_intro",
                "transformers", "beyond_text", "transformers_math", "math_quick_ref", "knowledge_store", "pytorch_ref", "glossary"), false);
    }

    @Test
    void everyDocumentRendersWithoutProblemsAndEveryLinkAndAnchorResolves() {
        List<String> problems = catalog.problems().stream().map(ContentProblem::toString).toList();
        assertThat(problems).as("content problems (file:line: message)").isEmpty();
    }

    @Test
    void theLandingPageAndTheGlossaryExist() {
        assertThat(catalog.document("README")).isPresent();
        assertThat(catalog.document("glossary")).isPresent();
        assertThat(catalog.documents().get(0).slug()).isEqualTo("README");
    }

    @Test
    void theLandingPageHasThreeLearningPathsEachWithAChecklist() {
        assertThat(catalog.paths()).hasSize(3);
        assertThat(catalog.paths()).allSatisfy(p -> assertThat(p.itemIds()).isNotEmpty());
    }

    @Test
    void learningPathsListTheDocumentsOwnItemsSoOneSkillHasOneTick() {
        GuideDocument landing = catalog.document("README").orElseThrow();
        assertThat(landing.checklist()).as("the landing page restates no item under its own id").isEmpty();
        for (LearningPath path : catalog.paths()) {
            for (String id : path.itemIds()) {
                ChecklistItem item = catalog.checklistItem(id).orElseThrow();
                assertThat(item.documentSlug()).isNotEqualTo("README");
                // the path shows the document's own words and links to the item where it lives
                assertThat(landing.html()).contains("data-item-id=\"" + id + "\"")
                        .contains("href=\"/guide/" + item.documentSlug() + "#item-" + id + "\"");
            }
        }
        assertThat(landing.html()).doesNotContain("<!--item-text:").contains("I can show why one linear layer cannot compute XOR");
    }

    @Test
    void aReferenceToAMissingItemIsAContentProblem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        java.nio.file.Files.writeString(folder.resolve("README.md"), "# Home\n\n## Path\n\n- [ ] {@doc-one}\n- [ ] {@doc-gone}\n");
        java.nio.file.Files.writeString(folder.resolve("doc.md"), "# Doc\n\n- [ ] I can do one thing {#doc-one}\n");
        ContentCatalog small = new ContentCatalog(new ContentSource(folder.toString()), Set.of("README", "doc"), false);
        assertThat(small.problems()).extracting(ContentProblem::message).anySatisfy(m -> assertThat(m).contains("{@doc-gone}"));
        assertThat(small.document("README").orElseThrow().html()).contains("I can do one thing");
    }

    @Test
    void theGlossaryDefinesAtLeastSixtyTerms() {
        GuideDocument glossary = catalog.document("glossary").orElseThrow();
        assertThat(glossary.toc().stream().filter(t -> t.level() == 3)).hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void everyChecklistItemHasAnExplicitIdUniqueAcrossTheGuide() {
        for (GuideDocument d : catalog.documents()) {
            for (ChecklistItem item : d.checklist()) {
                assertThat(item.explicitId()).as(d.fileName() + ":" + item.line() + " '" + item.text()
                        + "' needs an explicit {#id}, so rewording it keeps learners' ticks").isTrue();
            }
        }
    }

    @Test
    void everyOneOfTheTenDocumentsEmbedsALiveDemoWhereItsTextDiscussesTheConcept() {
        List<String> documents = catalog.documents().stream().filter(d -> !d.slug().equals("README")).map(GuideDocument::slug).toList();
        assertThat(documents).hasSize(10);
        for (GuideDocument d : catalog.documents()) {
            if (!d.slug().equals("README")) {
                assertThat(d.html()).as(d.fileName() + " embeds no widget").contains("<figure class=\"widget\" data-widget=");
            }
        }
    }
}
