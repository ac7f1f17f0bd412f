package org.transformerguide.search.vectors;

import java.util.List;
import java.util.Map;

/**
 * Latent semantic analysis: the dense vectors of the vector search. Each chunk's TF-IDF weights are
 * projected onto the top right singular vectors of the chunk-by-word matrix, so that words which occur
 * in the same chunks (softmax, temperature, logits) pull their chunks to the same region, and the result
 * is scaled to unit length. A query is "folded in" the same way: weighed with the guide's IDF, projected
 * with the same matrix, normalized. This is a linear method computed from the guide alone, not a neural
 * text encoder: it captures which words keep company, not word order or meaning beyond that.
 */
final class LatentSemanticSpace {

    private final TermWeights weights;
    private final TruncatedSvd.Result svd;
    private final List<float[]> fitted;

    private LatentSemanticSpace(TermWeights weights, TruncatedSvd.Result svd, List<SparseVector> rows) {
        this.weights = weights;
        this.svd = svd;
        this.fitted = rows.stream().map(this::embed).toList();
    }

    /** Each text is analysed once: its counted words give the vocabulary, its matrix row and its vector. */
    static LatentSemanticSpace fit(List<String> texts, int dimensions) {
        List<Map<String, Integer>> words = texts.stream().map(TermWeights::words).toList();
        TermWeights weights = TermWeights.fit(words);
        List<SparseVector> rows = words.stream().map(weights::weigh).toList();
        return new LatentSemanticSpace(weights, TruncatedSvd.compute(rows, weights.size(), dimensions), rows);
    }

    /** The vectors of the texts the space was fitted on, in their order (null where a text had no known word). */
    List<float[]> fitted() {
        return fitted;
    }

    int dimensions() {
        return svd.rank();
    }

    int vocabularySize() {
        return weights.size();
    }

    /** The text's unit vector in the latent space, or null when none of its words are in the vocabulary. */
    float[] embed(String text) {
        return embed(weights.weigh(text));
    }

    private float[] embed(SparseVector sparse) {
        if (sparse.isEmpty()) {
            return null;
        }
        float[] dense = new float[dimensions()];
        for (int n = 0; n < sparse.terms().length; n++) {
            float[] row = svd.projection()[sparse.terms()[n]];
            float w = sparse.weights()[n];
            for (int k = 0; k < dense.length; k++) {
                dense[k] += w * row[k];
            }
        }
        double norm = 0;
        for (float x : dense) {
            norm += x * x;
        }
        if (norm == 0) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int k = 0; k < dense.length; k++) {
            dense[k] *= scale;
        }
        return dense;
    }

    List<String> knownWords(String text) {
        return weights.knownWords(text);
    }
}
