package org.transformerguide.content.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.document.ContentProblem;
import org.transformerguide.content.DocumentRenderer;
import org.transformerguide.content.document.GuideDocument;

class WidgetsTest {

    @Test
    void aWidgetBlockGetsItsOptionsCheckedAndDefaultsFilledIn() {
        Widgets.Placement p = Widgets.parse("softmax", "logits: 3, 1, 0\n# a comment\ntemperature: 0.5\n", 10);
        assertThat(p.options()).containsEntry("logits", "3, 1, 0").containsEntry("temperature", "0.5");
        Widgets.Placement defaults = Widgets.parse("positional-encoding", "", 4);
        assertThat(defaults.options()).containsEntry("positions", "32").containsEntry("dimensions", "32").containsEntry("base", "10000");
    }

    @Test
    void theFallbackSaysInWordsWhatTheWidgetWouldShowWithRealNumbers() {
        // softmax(3, 1, 0) = e^3, e^1, e^0 over their sum = 0.844, 0.114, 0.042
        Widgets.Placement p = Widgets.parse("softmax", "logits: 3, 1, 0\n", 1);
        assertThat(p.fallback()).contains("0.844, 0.114, 0.042");
    }

    @Test
    void unknownWidgetsAndBadOptionsAreReportedWithTheirLine() {
        assertThatThrownBy(() -> Widgets.parse("attention-map", "", 7))
                .isInstanceOf(WidgetSyntaxException.class).hasMessageContaining("unknown widget 'attention-map'")
                .satisfies(e -> assertThat(((WidgetSyntaxException) e).line()).isEqualTo(7));
        assertThatThrownBy(() -> Widgets.parse("softmax", "temperature: 9\n", 3))
                .hasMessageContaining("'temperature' must be between 0.05 and 5, got 9");
        assertThatThrownBy(() -> Widgets.parse("softmax", "colour: red\n", 3)).hasMessageContaining("has no option 'colour'");
        assertThatThrownBy(() -> Widgets.parse("softmax", "logits: 1\n", 3)).hasMessageContaining("takes 2 to 12 numbers");
        assertThatThrownBy(() -> Widgets.parse("softmax", "logits: 1, 2\nlabels: a, b, c\n", 3)).hasMessageContaining("as many labels");
        assertThatThrownBy(() -> Widgets.parse("positional-encoding", "positions: 10.5\n", 3)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Widgets.parse("softmax", "just words\n", 3))
                .satisfies(e -> assertThat(((WidgetSyntaxException) e).line()).isEqualTo(4));
    }

    @Test
    void theRendererTurnsABlockIntoAContainerWithDataAttributesAndAFallback() {
        GuideDocument d = DocumentRenderer.render("a.md", "---\ntitle: A\n---\n\n```widget softmax\nlogits: 1, 0\n```\n",
                Set.of("a"), Set.of("a"));
        assertThat(d.problems()).isEmpty();
        assertThat(d.html()).contains("<figure class=\"widget\" data-widget=\"softmax\" data-option-logits=\"1, 0\"")
                .contains("data-option-temperature=\"1\"").contains("class=\"widget-fallback\"");
        GuideDocument bad = DocumentRenderer.render("b.md", "---\ntitle: B\n---\n\n```widget nope\n```\n", Set.of("b"), Set.of("b"));
        assertThat(bad.problems()).extracting(ContentProblem::toString)
                .singleElement().asString().startsWith("b.md:5: unknown widget 'nope'");
    }

    @Test
    void aWidgetThatReadsNumbersBlocksMustFindThemInItsDocument() {
        String widget = "```widget rnn-steps\nsteps: step-1, step-2\nwords: a, b\nvocabulary: a, b\n```\n";
        GuideDocument missing = DocumentRenderer.render("r.md", "---\ntitle: R\n---\n\n```numbers step-1\nh1 = [0.5, 0.1]\n```\n\n" + widget,
                Set.of("r"), Set.of("r"));
        assertThat(missing.problems()).extracting(ContentProblem::message)
                .containsExactly("widget uses numbers block 'step-2', which this document does not have");
        assertThat(missing.html()).contains("data-values=\"{&quot;h1&quot;:[[&quot;0.5&quot;,&quot;0.1&quot;]]}\"");
        assertThatThrownBy(() -> Widgets.parse("rnn-steps", "steps: s-1, s-2\nwords: a\nvocabulary: a\n", 2))
                .hasMessageContaining("one word per step");
    }

    @Test
    void thePlaygroundWidgetsTakeAPromptAndSamplingOptions() {
        Widgets.Placement next = Widgets.parse("next-token", "prompt: The cat sat on the\ntop-k: 5\n", 1);
        assertThat(next.options()).containsEntry("prompt", "The cat sat on the").containsEntry("temperature", "1")
                .containsEntry("top-k", "5").containsEntry("top-p", "1");
        assertThat(next.fallback()).contains("\"The cat sat on the\"").contains("keeping the top 5");
        assertThat(Widgets.parse("next-token", "", 1).options()).doesNotContainKey("top-k");
        assertThat(Widgets.parse("attention", "prompt: a, b: c\n", 1).options()).containsEntry("prompt", "a, b: c").containsEntry("layer", "1");
        assertThat(Widgets.parse("sampler", "seed: 42\n", 1).options()).containsEntry("max-tokens", "80")
                .containsEntry("temperature", "0.8").containsEntry("seed", "42");
        assertThat(Widgets.parse("training-monitor", "", 1).options()).isEmpty();
        assertThat(Widgets.parse("training-monitor", "", 1).fallback()).contains("loss");
        assertThatThrownBy(() -> Widgets.parse("next-token", "temperature: 3\n", 2)).hasMessageContaining("between 0 and 2");
        assertThatThrownBy(() -> Widgets.parse("next-token", "top-p: 0\n", 2)).hasMessageContaining("'top-p' must be between");
        assertThatThrownBy(() -> Widgets.parse("attention", "prompt: " + "x".repeat(201) + "\n", 2)).hasMessageContaining("1 to 200 characters");
        assertThatThrownBy(() -> Widgets.parse("sampler", "max-tokens: 501\n", 2)).hasMessageContaining("'max-tokens'");
        assertThatThrownBy(() -> Widgets.parse("training-monitor", "model: x\n", 2)).hasMessageContaining("has no option 'model'");
    }

    @Test
    void theVectorSearchTakesAQueryKAndABeam() {
        Widgets.Placement p = Widgets.parse("vector-search", "query: attention heads\nk: 3\n", 1);
        assertThat(p.options()).containsEntry("query", "attention heads").containsEntry("k", "3").containsEntry("candidates", "10");
        assertThat(p.fallback()).contains("\"attention heads\"").contains("top 3").contains("not a neural encoder").contains("recall@3");
        assertThatThrownBy(() -> Widgets.parse("vector-search", "k: 21\n", 2)).hasMessageContaining("'k' must be between 1 and 20");
        assertThatThrownBy(() -> Widgets.parse("vector-search", "candidates: 0\n", 2)).hasMessageContaining("'candidates'");
    }
}
