package org.transformerguide.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Snippets show formulas as text a reader can read, never as TeX source. */
class SnippetMathTest {

    @Test
    void texBecomesReadableText() {
        assertThat(ReadableMath.of("\\operatorname{softmax}(z)_j = e^{z_j} / \\sum_k e^{z_k}"))
                .isEqualTo("softmax(z)_j = e^z_j / Σ_k e^z_k");
        assertThat(ReadableMath.of("s \\in \\mathbb{R}^{1 \\times n}, \\frac{QK^\\top}{\\sqrt{d_k}}"))
                .isEqualTo("s ∈ ℝ^1 × n, (QK^ᵀ)/(√d_k)");
        assertThat(ReadableMath.of("plain words stay as they are")).isEqualTo("plain words stay as they are");
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "attention", "cross-entropy", "layer normalization", "Adam", "RoPE", "KL divergence"})
    void noSnippetShowsTexCommands(String query) {
        var results = TestGuide.search().search(query, 10).results();
        assertThat(results).isNotEmpty();
        for (var r : results) {
            assertThat(r.snippet()).as("snippet of %s for '%s'", r.url(), query)
                    .doesNotContainPattern("\\\\[A-Za-z]+").doesNotContain("{").doesNotContain("}");
        }
    }
}
