package org.transformerguide.playground.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LayerNorm over the channels of each row: y = γ ⊙ (x − μ) / s + β with s = √(σ² + ε), as in
 * transformers_math.md §2 ("The gradient of LayerNorm"), whose boxed formula the backward pass follows.
 * Plain Java loops over each row (see {@link NativeRows} for why), ε is PyTorch's 1e-5 and σ² is the
 * biased variance, as PyTorch's.
 */
final class LayerNorm {

    static final double EPSILON = 1e-5;

    final Parameter gain; // γ [1, C]
    final Parameter bias; // β [1, C]
    private final int channels;

    LayerNorm(ParameterSet parameters, String name, int channels) {
        this.channels = channels;
        gain = parameters.allocate(name + ".gain", false, 1, channels);
        bias = parameters.allocate(name + ".bias", false, 1, channels);
    }

    /** What the backward pass needs from the forward pass, and its scratch space, for N rows. */
    final class State {
        final INDArray out;      // y [N, C]
        final NativeRows outRows;
        final double[] xHat;     // x̂ = (x − μ) / s [N·C]
        final double[] rstd;     // 1 / s [N]
        final double[] row;      // one row [C]
        final double[] row2;     // one row [C]
        final double[] gamma;    // γ [C]
        final double[] beta;     // β [C]
        final double[] dGamma;   // dγ [C] (backward)
        final double[] dBeta;    // dβ [C] (backward)

        State(int rows) {
            out = Nd4j.create(gain.value().dataType(), rows, channels);
            outRows = new NativeRows(out);
            xHat = new double[rows * channels];
            rstd = new double[rows];
            row = new double[channels];
            row2 = new double[channels];
            gamma = new double[channels];
            beta = new double[channels];
            dGamma = new double[channels];
            dBeta = new double[channels];
        }
    }

    State newState(int rows) {
        return new State(rows);
    }

    /** Normalizes each row of {@code x} [N, C]; returns {@code s.out}. */
    INDArray forward(INDArray x, State s) {
        return forward(new NativeRows(x), s);
    }

    INDArray forward(NativeRows x, State s) {
        new NativeRows(gain.value()).read(0, s.gamma);
        new NativeRows(bias.value()).read(0, s.beta);
        double[] row = s.row;
        for (int i = 0; i < x.rows; i++) {
            x.read(i, row);                                          // x [C]
            double mean = 0;
            for (int c = 0; c < channels; c++) {
                mean += row[c];
            }
            mean /= channels;                                        // μ
            double variance = 0;
            for (int c = 0; c < channels; c++) {
                double d = row[c] - mean;
                variance += d * d;
            }
            double rstd = 1 / Math.sqrt(variance / channels + EPSILON); // 1 / s
            s.rstd[i] = rstd;
            int at = i * channels;
            for (int c = 0; c < channels; c++) {
                double xHat = (row[c] - mean) * rstd;                // x̂
                s.xHat[at + c] = xHat;
                row[c] = s.gamma[c] * xHat + s.beta[c];              // γ ⊙ x̂ + β
            }
            s.outRows.write(i, row);                                 // y [C]
        }
        return s.out;
    }

    /**
     * Given dy = dL/dy [N, C]: writes dγ and dβ, and ADDS dL/dx into {@code dxSum} [N, C], which holds
     * the gradient arriving through the residual connection around this LayerNorm's branch:
     * dx = (1/s) (ĝ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)), ĝ = dy ⊙ γ.
     */
    void backward(INDArray dy, State s, INDArray dxSum) {
        NativeRows dyRows = new NativeRows(dy);
        NativeRows dxRows = new NativeRows(dxSum);
        double[] g = s.row;
        double[] scratch = s.row2;
        java.util.Arrays.fill(s.dGamma, 0);
        java.util.Arrays.fill(s.dBeta, 0);
        for (int i = 0; i < dyRows.rows; i++) {
            dyRows.read(i, g);                                       // dy [C]
            int at = i * channels;
            double gMean = 0;
            double gxMean = 0;
            for (int c = 0; c < channels; c++) {
                double xHat = s.xHat[at + c];
                s.dGamma[c] += g[c] * xHat;                          // dγ = Σ_rows dy ⊙ x̂
                s.dBeta[c] += g[c];                                  // dβ = Σ_rows dy
                g[c] *= s.gamma[c];                                  // ĝ = dy ⊙ γ
                gMean += g[c];
                gxMean += g[c] * xHat;
            }
            gMean /= channels;                                       // mean(ĝ)
            gxMean /= channels;                                      // mean(ĝ ⊙ x̂)
            double rstd = s.rstd[i];
            for (int c = 0; c < channels; c++) {
                g[c] = rstd * (g[c] - gMean - s.xHat[at + c] * gxMean); // dx
            }
            dxRows.add(i, g, scratch);                               // residual gradient + this branch's
        }
        new NativeRows(gain.gradient()).write(0, s.dGamma);
        new NativeRows(bias.gradient()).write(0, s.dBeta);
    }
}
