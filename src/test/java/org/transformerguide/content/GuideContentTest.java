package org.transformerguide.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
