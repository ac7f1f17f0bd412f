package org.transformerguide.playground.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU, x Φ(x) with Φ the standard normal distribution function, as in PyTorch's
 * {@code nn.GELU()} (nanoGPT) and the guide. ND4J's own {@code gelu} is a sigmoid approximation and
 * {@code precise_gelu} the tanh one, so it is built from erf. Derivative (transformers_math.md §2,
 * "Elementwise functions"): Φ(x) + x φ(x), φ the normal density.
 */
final class Gelu {

    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Gelu() {
    }

    /** out = x Φ(x); keeps Φ(x) in {@code cdf} for the backward pass. All [N, D]. */
    static void forward(INDArray x, INDArray cdf, INDArray out) {
        cdf.assign(x).muli(INV_SQRT_2);          // x / √2 [N, D]
        Nd4j.exec(new Erf(cdf, cdf));            // erf(x / √2) [N, D]
        cdf.addi(1.0).muli(0.5);                 // Φ(x) [N, D]
        Nd4j.exec(new MulOp(x, cdf, out));       // x Φ(x) [N, D]
    }

    /** Turns dL/d(out) into dL/dx in place: dOut ⊙ (Φ(x) + x φ(x)). All [N, D]. */
    static void backwardInPlace(INDArray x, INDArray cdf, INDArray dOut, INDArray scratch) {
        Nd4j.exec(new MulOp(x, x, scratch));     // x² [N, D]
        scratch.muli(-0.5);                      // −x²/2 [N, D]
        Transforms.exp(scratch, false);          // e^(−x²/2) [N, D]
        scratch.muli(INV_SQRT_2PI)               // φ(x) [N, D]
                .muli(x)                         // x φ(x) [N, D]
                .addi(cdf);                      // Φ(x) + x φ(x) [N, D]
        dOut.muli(scratch);                      // dL/dx [N, D]
    }
}
