package org.transformerguide.playground.model;

import org.transformerguide.playground.kernels.Kernels;

/**
 * Learned token and position embeddings: x[b, t] = wte[token[b, t]] + wpe[p0 + t]. The token table is
 * also the output head (weight tying), so its gradient gets two contributions; the head's is written first.
 */
final class Embedding {

    final Parameter tokens;    // wte [V, C]
    final Parameter positions; // wpe [T_max, C]
    private final int channels;

    Embedding(ParameterSet parameters, GptConfig config) {
        channels = config.nEmbd();
        tokens = parameters.allocate("wte", true, config.vocabSize(), config.nEmbd());
        positions = parameters.allocate("wpe", true, config.blockSize(), config.nEmbd());
    }

    /** x [B·n, C] for {@code ids} (B·n ids, row-major over [B, n]), sequence b's at positions p0[b] .. p0[b] + n − 1. */
    void forward(int[] ids, int n, int[] p0, float[] x) {
        float[] p = tokens.values();
        for (int i = 0; i < ids.length; i++) {
            int row = i * channels;
            int position = p0[i / n] + i % n;
            System.arraycopy(p, tokens.offset() + ids[i] * channels, x, row, channels);               // wte[token]
            Kernels.axpy(1, p, positions.offset() + position * channels, x, row, channels);          // + wpe[t]
        }
    }

    /**
     * From dL/dx [B·T, C]: ADDS the lookup's share to dwte (the head has written its share), writes dwpe.
     * The gradient of a row lookup is a scatter-add: row i of dx goes to the row of wte it was read from,
     * and to row t of wpe.
     */
    void backward(float[] dx, int[] ids, int time) {
        float[] g = tokens.gradients();
        java.util.Arrays.fill(g, positions.offset(), positions.offset() + positions.size(), 0f); // rows T..T_max get nothing
        for (int i = 0; i < ids.length; i++) {
            int row = i * channels;
            Kernels.axpy(1, dx, row, g, tokens.offset() + ids[i] * channels, channels);          // dwte[token] += dx[i]
            Kernels.axpy(1, dx, row, g, positions.offset() + (i % time) * channels, channels);   // dwpe[t] += dx[i]
        }
    }
}
