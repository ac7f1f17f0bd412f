package org.transformerguide.content.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.ContentProblem;
import org.transformerguide.content.DocumentRenderer;
import org.transformerguide.content.GuideDocument;

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
}
