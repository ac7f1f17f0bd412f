package org.transformerguide.playground.model;

import org.transformerguide.playground.kernels.Kernels;

/**
 * LayerNorm over the channels of each row: y = γ ⊙ (x − μ) / s + β with s = √(σ² + ε), as in
 * transformers_math.md §2 ("The gradient of LayerNorm"), whose boxed formula the backward pass follows.
 * The forward pass keeps μ and 1/s per row (llm.c's choice: two numbers a row instead of a copy of x̂);
 * ε is PyTorch's 1e-5 and σ² the biased variance, as PyTorch's.
 */
final class LayerNorm {

    static final float EPSILON = 1e-5f;

    final Parameter gain; // γ [1, C]
    final Parameter bias; // β [1, C]
    final int channels;

    LayerNorm(ParameterSet parameters, String name, int channels) {
        this.channels = channels;
        gain = parameters.allocate(name + ".gain", false, 1, channels);
        bias = parameters.allocate(name + ".bias", false, 1, channels);
    }

    /** y[r] = LN(x[r]) for {@code rows} rows of width C (contiguous); μ and 1/s of row r into stats[2r], stats[2r + 1]. */
    void forward(float[] x, int xOff, int rows, float[] y, int yOff, float[] stats) {
        float[] p = gain.values();
        Kernels.parallelRows(rows, 8L * channels, (w, from, to) -> {
            for (int r = from; r < to; r++) {
                Kernels.layerNorm(x, xOff + r * channels, p, gain.offset(), p, bias.offset(), y, yOff + r * channels, channels,
                        EPSILON, stats, 2 * r);
            }
        });
    }

    /** One row: y = LN(x[xOff .. xOff + C)), its μ and 1/s into stats[0], stats[1]. */
    void forwardRow(float[] x, int xOff, float[] y, float[] stats) {
        float[] p = gain.values();
        Kernels.layerNorm(x, xOff, p, gain.offset(), p, bias.offset(), y, 0, channels, EPSILON, stats, 0);
    }

    /**
     * Given dy = dL/dy [rows, C] and the forward pass's input x and stats: writes dγ and dβ and ADDS dL/dx
     * into {@code dx} [rows, C], which holds the gradient arriving through the residual connection.
     */
    void backward(float[] dy, float[] x, float[] stats, int rows, float[] dx, Scratch scratch) {
        float[] p = gain.values();
        float[][] partial = scratch.columnSums;                   // per thread: dγ [C], dβ [C]
        for (float[] sums : partial) {
            java.util.Arrays.fill(sums, 0, 2 * channels, 0f);
        }
        Kernels.parallelRows(rows, 12L * channels, (w, from, to) -> {
            for (int r = from; r < to; r++) {
                int at = r * channels;
                Kernels.layerNormBackward(dy, at, x, at, stats[2 * r], stats[2 * r + 1], p, gain.offset(),
                        partial[w], 0, partial[w], channels, dx, at, channels);
            }
        });
        float[] g = gain.gradients();
        System.arraycopy(partial[0], 0, g, gain.offset(), channels);
        System.arraycopy(partial[0], channels, g, bias.offset(), channels);
        for (int w = 1; w < partial.length; w++) {
            Kernels.axpy(1, partial[w], 0, g, gain.offset(), channels);
            Kernels.axpy(1, partial[w], channels, g, bias.offset(), channels);
        }
    }
}
