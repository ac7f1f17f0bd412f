package org.transformerguide.playground.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer in the guide's row-vector convention, {@code y = x W + b} with
 * {@code W [in, out]} (PyTorch stores the transpose). Holds no activations: callers pass the input
 * they kept from the forward pass to {@link #backward}.
 */
final class Linear {

    final Parameter weight; // W [in, out]
    final Parameter bias;   // b [1, out]

    Linear(ParameterSet parameters, String name, int in, int out) {
        weight = parameters.allocate(name + ".weight", true, in, out);
        bias = parameters.allocate(name + ".bias", false, 1, out);
    }

    /** out = x W + b. */
    void forward(INDArray x, INDArray out) {
        Nd4j.gemm(x, weight.value(), out, false, false, 1.0, 0.0); // [N, in] x [in, out] -> [N, out]
        out.addiRowVector(bias.value());                             // [N, out] + [1, out]
    }

    /** out += x W + b: a residual branch adds onto the stream without a separate sum. */
    void forwardAdd(INDArray x, INDArray out) {
        Nd4j.gemm(x, weight.value(), out, false, false, 1.0, 1.0); // [N, out] += [N, in] x [in, out]
        out.addiRowVector(bias.value());                             // [N, out] + [1, out]
    }

    /**
     * From {@code dOut} = dL/d(out), the three rules of transformers_math.md §2 ("Gradient of an affine
     * layer"): dW = xᵀ dOut, db = 1ᵀ dOut (column sums), dx = dOut Wᵀ. Overwrites the gradients, since
     * each layer is used once per forward pass.
     */
    void backward(INDArray x, INDArray dOut, INDArray dx) {
        Nd4j.gemm(x, dOut, weight.gradient(), true, false, 1.0, 0.0);  // [in, N] x [N, out] -> [in, out]
        dOut.sum(bias.gradient(), 0);                                    // [N, out] -> [1, out]
        Nd4j.gemm(dOut, weight.value(), dx, false, true, 1.0, 0.0);     // [N, out] x [out, in] -> [N, in]
    }
}
