package org.transformerguide.content.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.transformerguide.tokens.PublishedTokenizers;

/** The tokenizer and embeddings widgets' options, and the next-token widget's top-k bound. */
class TokenWidgetsTest {

    @Test
    void theTokenizerFallbackGivesThePublishedTokenizersRealCounts() {
        String text = "Unbelievable tokenization!";
        Widgets.Placement p = Widgets.parse("tokenizer", "text: " + text + "\n", 1);
        assertThat(p.fallback())
                .contains("GPT-2's (r50k_base) makes " + PublishedTokenizers.GPT2.encode(text).length + " tokens")
                .contains("cl100k_base (GPT-3.5, GPT-4) " + PublishedTokenizers.CL100K.encode(text).length + ".")
                .contains("(26 characters)");
        assertThat(Widgets.parse("tokenizer", "", 1).options()).containsKey("text");
        assertThatThrownBy(() -> Widgets.parse("tokenizer", "text: " + "a".repeat(201) + "\n", 3)).isInstanceOf(WidgetSyntaxException.class);
    }

    @Test
    void embeddingsTakeATokenAndABoundedNumberOfNeighbours() {
        Widgets.Placement p = Widgets.parse("embeddings", "token: t\nk: 5\n", 1);
        assertThat(p.options()).containsEntry("token", "t").containsEntry("k", "5");
        assertThat(p.fallback()).contains("\"t\"").contains("5 nearest tokens by cosine similarity");
        assertThat(Widgets.parse("embeddings", "", 1).options()).containsEntry("k", "8");
        assertThatThrownBy(() -> Widgets.parse("embeddings", "k: 51\n", 3)).hasMessageContaining("'k' must be between 1 and 50");
        assertThatThrownBy(() -> Widgets.parse("embeddings", "k: 0\n", 3)).hasMessageContaining("'k' must be between 1 and 50");
    }

    @Test
    void nextTokensTopKStaysBelowASmallVocabulary() {
        assertThat(Widgets.parse("next-token", "top-k: 100\n", 1).options()).containsEntry("top-k", "100");
        assertThatThrownBy(() -> Widgets.parse("next-token", "top-k: 101\n", 1)).isInstanceOf(WidgetSyntaxException.class);
    }
}
