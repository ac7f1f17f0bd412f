package org.transformerguide.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.document.DocumentLink;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;
import org.transformerguide.content.document.TocEntry;

class DocumentRendererTest {

    private static final Set<String> EXISTING = Set.of("README", "a", "transformers");
    private static final Set<String> PLANNED = Set.of("README", "a", "transformers", "glossary");

    private static GuideDocument render(String markdown) {
        return DocumentRenderer.render("a.md", "---\ntitle: A\norder: 1\nlevel: beginner\n---\n\n" + markdown, EXISTING, PLANNED);
    }

    @Test
    void inlineMathKeepsUnderscoresAndStarsAwayFromEmphasis() {
        GuideDocument d = render("The product $a_i * b_i$ and $c_j * d_j$ stay math.");
        assertThat(d.html()).contains("<span class=\"math math-inline\">a_i * b_i</span>")
                .contains("<span class=\"math math-inline\">c_j * d_j</span>")
                .doesNotContain("<em>");
    }

    @Test
    void displayMathKeepsBracesAndDoubleBackslashes() {
        GuideDocument d = render("$$\n\\sum_{i} x_i^2 \\\\\n\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}\n$$\n");
        assertThat(d.html()).contains("<div class=\"math math-display\">\\sum_{i} x_i^2 \\\\\n\\begin{bmatrix} 1 &amp; 2 \\\\ 3 &amp; 4 \\end{bmatrix}</div>");
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void displayMathOnOneLineAndInsideQuotesAndLists() {
        GuideDocument d = render("$$\\sum_{i} x_i^2$$\n\n> $$\n> a_1 * b_1\n> $$\n\n- item\n\n  $$\n  c_{k}\n  $$\n");
        assertThat(d.html()).contains("<div class=\"math math-display\">\\sum_{i} x_i^2</div>")
                .contains("<div class=\"math math-display\">a_1 * b_1</div>")
                .contains("<div class=\"math math-display\">c_{k}</div>");
    }

    @Test
    void fencedMathBlockIsDisplayMath() {
        GuideDocument d = render("```math\nx_{1} \\\\ y\n```\n");
        assertThat(d.html()).contains("<div class=\"math math-display\">x_{1} \\\\ y</div>");
    }

    @Test
    void dollarsInProseStayDollars() {
        GuideDocument d = render("It cost $5 and then $10, or \\$3.");
        assertThat(d.html()).contains("It cost $5 and then $10, or $3.").doesNotContain("math-inline");
    }

    @Test
    void unclosedDisplayMathIsReportedWithItsLine() {
        GuideDocument d = render("Intro.\n\n$$\nx^2\n");
        assertThat(d.problems()).extracting(ContentProblem::line).containsExactly(9);
        assertThat(d.problems().get(0).message()).contains("never closed");
    }

    @Test
    void headingIdsAreGithubSlugsAndDuplicatesAreNumbered() {
        GuideDocument d = render("## 8. Architectural variants: encoder, decoder and encoder-decoder\n\n## Setup\n\n## Setup\n\n## What is `x_1`?\n");
        assertThat(d.toc()).extracting(TocEntry::id).containsExactly(
                "8-architectural-variants-encoder-decoder-and-encoder-decoder", "setup", "setup-1", "what-is-x_1");
        assertThat(d.html()).contains("<h2 id=\"setup-1\">");
    }

    @Test
    void headingWithMathKeepsTheTexInItsSlug() {
        GuideDocument d = render("## Why divide by $\\sqrt{d_k}$\n");
        assertThat(d.toc().get(0).id()).isEqualTo("why-divide-by-sqrtd_k");
    }

    @Test
    void linksToDocumentsBecomePlatformUrls() {
        GuideDocument d = render("See [attention](./transformers.md#6-self-attention), [home](README.md) and [here](#top).");
        assertThat(d.html()).contains("<a href=\"/guide/transformers#6-self-attention\">attention</a>")
                .contains("<a href=\"/\">home</a>").contains("<a href=\"#top\">here</a>");
        assertThat(d.links()).extracting(DocumentLink::targetSlug).containsExactly("transformers", "README", "a");
    }

    @Test
    void linkToAPlannedDocumentNotWrittenYetIsPendingNotBroken() {
        GuideDocument d = render("See [terms](./glossary.md#token).");
        assertThat(d.html()).contains("class=\"pending-link\"").contains("not written yet");
        assertThat(d.problems()).isEmpty();
        assertThat(d.links().get(0).pending()).isTrue();
    }

    @Test
    void linkToAMisspelledDocumentIsAProblem() {
        GuideDocument d = render("See [x](./transformer.md).");
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message()).contains("does not exist");
        });
    }

    @Test
    void taskItemsGetExplicitOrDerivedStableIds() {
        GuideDocument d = render("## Checklist\n\n- [ ] I can explain a neuron {#nn-neuron}\n- [x] I can train *XOR* by hand\n");
        assertThat(d.checklist()).extracting(ChecklistItem::id).containsExactly("nn-neuron", "a-i-can-train-xor-by-hand");
        assertThat(d.checklist().get(0).text()).isEqualTo("I can explain a neuron");
        assertThat(d.checklist().get(0).sections()).containsExactly("checklist");
        assertThat(d.html()).contains("data-item-id=\"nn-neuron\"").doesNotContain("{#nn-neuron}");
    }

    @Test
    void duplicateTaskIdsAreReported() {
        GuideDocument d = render("- [ ] One {#x-1}\n- [ ] Two {#x-1}\n");
        assertThat(d.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("used twice"));
    }

    @Test
    void githubAlertsBecomeAdmonitions() {
        GuideDocument d = render("> [!TIP]\n> Divide by $\\sqrt{d_k}$.\n");
        assertThat(d.html()).contains("<aside class=\"admonition admonition-tip\"").contains("<p class=\"admonition-title\">Tip</p>")
                .contains("Divide by <span class=\"math math-inline\">\\sqrt{d_k}</span>.").doesNotContain("[!TIP]");
    }

    @Test
    void gfmTablesFootnotesStrikethroughAndCode() {
        GuideDocument d = render("| a | b |\n|---|---|\n| $x_1$ | ~~no~~ |\n\nA note.[^1]\n\n[^1]: The note.\n\n```java\nint x = 1 < 2 ? 1 : 0;\n```\n");
        assertThat(d.html()).contains("<table>").contains("<del>no</del>").contains("footnote")
                .contains("<code class=\"language-java\">int x = 1 &lt; 2 ? 1 : 0;\n</code>");
    }

    @Test
    void numbersBlocksRenderAsMatricesAndBadOnesAreReported() {
        GuideDocument d = render("```numbers xor-hidden\n# hidden layer\nW1 = [[1, 1], [1, 1]]\nb1 = [0, -1]\ny = 0.731\n```\n");
        assertThat(d.html()).contains("id=\"numbers-xor-hidden\"")
                .contains("W_{1} = \\begin{bmatrix}1 &amp; 1 \\\\ 1 &amp; 1\\end{bmatrix}").contains("y = 0.731");
        GuideDocument bad = render("```numbers bad\nW = [[1, 2], [3]]\n```\n");
        assertThat(bad.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("row 2 has 1 entries");
        });
    }

    @Test
    void frontMatterGivesTitleOrderAndLevel() {
        GuideDocument d = render("# Ignored heading");
        assertThat(d.title()).isEqualTo("A");
        assertThat(d.order()).isEqualTo(1);
        assertThat(d.level()).isEqualTo("beginner");
        GuideDocument bad = DocumentRenderer.render("b.md", "---\ntitle: B\norder: first\n---\n", EXISTING, PLANNED);
        assertThat(bad.problems()).extracting(ContentProblem::message).anyMatch(m -> m.contains("'order'"));
    }

    @Test
    void sectionsHoldThePlainTextBetweenHeadingsWithMathAndCode() {
        GuideDocument d = render("# A\n\nIntro.\n\n## Scores\n\nDivide by $\\sqrt{d_k}$.\n\n$$\nQ K^T\n$$\n\n```python\nprint(1)\n```\n\n## Next\n\n- a list item\n");
        assertThat(d.sections()).extracting(Section::id).containsExactly("a", "scores", "next");
        Section scores = d.sections().get(1);
        assertThat(scores.title()).isEqualTo("Scores");
        assertThat(scores.level()).isEqualTo(2);
        assertThat(scores.text()).contains("Divide by \\sqrt{d_k}.").contains("Q K^T").contains("print(1)");
        assertThat(d.sections().get(2).text()).contains("a list item");
    }
}
