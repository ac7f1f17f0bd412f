package org.transformerguide.playground.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LayerNorm over the channels of each row: y = γ ⊙ (x − μ) / s + β with s = √(σ² + ε), as in
 * transformers_math.md §2 ("The gradient of LayerNorm"), whose boxed formula the backward pass follows.
 * Written with plain ND4J ops rather than the fused layer_norm op so every line matches the derivation
 * and ε is PyTorch's 1e-5.
 */
final class LayerNorm {

    static final double EPSILON = 1e-5;

    final Parameter gain; // γ [1, C]
    final Parameter bias; // β [1, C]

    LayerNorm(ParameterSet parameters, String name, int channels) {
        gain = parameters.allocate(name + ".gain", false, 1, channels);
        bias = parameters.allocate(name + ".bias", false, 1, channels);
    }

    /** What the backward pass needs from the forward pass, and its scratch space, for N rows. */
    final class State {
        final INDArray out;     // y [N, C]
        final INDArray xHat;    // x̂ = (x − μ) / s [N, C]
        final INDArray mean;    // μ [N, 1]
        final INDArray rstd;    // 1 / s [N, 1]
        final INDArray gHat;    // ĝ = dy ⊙ γ [N, C] (backward)
        final INDArray scratch; // [N, C] (backward)
        final INDArray gMean;   // mean of ĝ per row [N, 1] (backward)
        final INDArray gxMean;  // mean of ĝ ⊙ x̂ per row [N, 1] (backward)

        State(int rows) {
            long c = gain.size();
            var type = gain.value().dataType();
            out = Nd4j.create(type, rows, c);
            xHat = Nd4j.create(type, rows, c);
            mean = Nd4j.create(type, rows, 1);
            rstd = Nd4j.create(type, rows, 1);
            gHat = Nd4j.create(type, rows, c);
            scratch = Nd4j.create(type, rows, c);
            gMean = Nd4j.create(type, rows, 1);
            gxMean = Nd4j.create(type, rows, 1);
        }
    }

    State newState(int rows) {
        return new State(rows);
    }

    /** Normalizes each row of {@code x} [N, C]; returns {@code s.out}. */
    INDArray forward(INDArray x, State s) {
        x.mean(s.mean, 1);                                          // μ [N, 1]
        Nd4j.getExecutioner().exec(new Variance(x, s.rstd, false, 1)); // σ² [N, 1] (biased, as PyTorch)
        s.rstd.addi(EPSILON);                                       // σ² + ε [N, 1]
        Transforms.sqrt(s.rstd, false).rdivi(1.0);                  // 1 / s [N, 1]
        s.xHat.assign(x).subiColumnVector(s.mean)                   // x − μ [N, C]
                .muliColumnVector(s.rstd);                          // x̂ [N, C]
        s.out.assign(s.xHat).muliRowVector(gain.value())            // γ ⊙ x̂ [N, C]
                .addiRowVector(bias.value());                       // + β [N, C]
        return s.out;
    }

    /**
     * Given dy = dL/dy [N, C]: writes dγ and dβ, and ADDS dL/dx into {@code dxSum} [N, C], which holds
     * the gradient arriving through the residual connection around this LayerNorm's branch:
     * dx = (1/s) (ĝ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)), ĝ = dy ⊙ γ.
     */
    void backward(INDArray dy, State s, INDArray dxSum) {
        s.scratch.assign(dy).muli(s.xHat);                  // dy ⊙ x̂ [N, C]
        s.scratch.sum(gain.gradient(), 0);                  // dγ = Σ_rows dy ⊙ x̂ [1, C]
        dy.sum(bias.gradient(), 0);                         // dβ = Σ_rows dy [1, C]
        s.gHat.assign(dy).muliRowVector(gain.value());      // ĝ [N, C]
        s.gHat.mean(s.gMean, 1);                            // (1/d) ĝ 1ᵀ [N, 1]
        s.scratch.assign(s.gHat).muli(s.xHat);              // ĝ ⊙ x̂ [N, C]
        s.scratch.mean(s.gxMean, 1);                        // (1/d) ĝ x̂ᵀ [N, 1]
        s.scratch.assign(s.xHat).muliColumnVector(s.gxMean); // x̂ (ĝ x̂ᵀ)/d [N, C]
        s.gHat.subiColumnVector(s.gMean)                    // ĝ − mean(ĝ) [N, C]
                .subi(s.scratch)                            // − x̂ mean(ĝ ⊙ x̂) [N, C]
                .muliColumnVector(s.rstd);                  // / s [N, C]
        dxSum.addi(s.gHat);                                 // residual gradient + this branch's [N, C]
    }
}
