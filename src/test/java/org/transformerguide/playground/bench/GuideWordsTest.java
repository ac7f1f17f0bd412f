package org.transformerguide.playground.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuideWordsTest {

    @Test
    void wordsLoseOuterPunctuationAndCaseAndUnknownOnesAreFound() {
        assertThat(GuideWords.words("The model's (attention) -- weights: 0.5, \"softmax\"!"))
                .containsExactly("the", "model's", "attention", "weights", "0.5", "softmax");
        GuideWords guide = new GuideWords("Attention is all you need. The MODEL attends.");
        assertThat(guide.known("attention")).isTrue();
        assertThat(guide.known("model")).isTrue();
        assertThat(guide.known("attends")).isTrue();
        assertThat(guide.known("looncack")).isFalse();
        assertThat(guide.size()).isEqualTo(8); // attention, is, all, you, need, the, model, attends
    }
}
