package org.transformerguide.playground.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer in the guide's row-vector convention, {@code y = x W + b} with
 * {@code W [in, out]} (PyTorch stores the transpose). Holds no activations: callers pass the input
 * they kept from the forward pass to {@link #backward}. The products are BLAS calls; the bias is put
 * in (or added to) the output first, so the product accumulates onto it (gemm's β = 1), and its
 * gradient, a column sum, is a plain loop ({@link NativeRows}).
 */
final class Linear {

    final Parameter weight; // W [in, out]
    final Parameter bias;   // b [1, out]
    private final double[] biasRow;  // b [out]
    private final double[] sumRow;   // db [out] (backward)
    private final double[] rowBuffer; // one row [out]

    Linear(ParameterSet parameters, String name, int in, int out) {
        weight = parameters.allocate(name + ".weight", true, in, out);
        bias = parameters.allocate(name + ".bias", false, 1, out);
        biasRow = new double[out];
        sumRow = new double[out];
        rowBuffer = new double[out];
    }

    /** out = x W + b. */
    void forward(INDArray x, INDArray out) {
        NativeRows rows = new NativeRows(out);
        new NativeRows(bias.value()).read(0, biasRow);
        for (int i = 0; i < rows.rows; i++) {
            rows.write(i, biasRow);                                  // out = b, every row [N, out]
        }
        Nd4j.gemm(x, weight.value(), out, false, false, 1.0, 1.0); // out += [N, in] x [in, out]
    }

    /** out += x W + b: a residual branch adds onto the stream without a separate sum. */
    void forwardAdd(INDArray x, INDArray out) {
        NativeRows rows = new NativeRows(out);
        new NativeRows(bias.value()).read(0, biasRow);
        for (int i = 0; i < rows.rows; i++) {
            rows.add(i, biasRow, rowBuffer);                         // out += b, every row [N, out]
        }
        Nd4j.gemm(x, weight.value(), out, false, false, 1.0, 1.0); // out += [N, in] x [in, out]
    }

    /**
     * From {@code dOut} = dL/d(out), the three rules of transformers_math.md §2 ("Gradient of an affine
     * layer"): dW = xᵀ dOut, db = 1ᵀ dOut (column sums), dx = dOut Wᵀ. Overwrites the gradients, since
     * each layer is used once per forward pass.
     */
    void backward(INDArray x, INDArray dOut, INDArray dx) {
        Nd4j.gemm(x, dOut, weight.gradient(), true, false, 1.0, 0.0);  // [in, N] x [N, out] -> [in, out]
        NativeRows rows = new NativeRows(dOut);
        Arrays.fill(sumRow, 0);
        for (int i = 0; i < rows.rows; i++) {
            rows.read(i, rowBuffer);
            for (int j = 0; j < rowBuffer.length; j++) {
                sumRow[j] += rowBuffer[j];                               // db = Σ_rows dOut [out]
            }
        }
        new NativeRows(bias.gradient()).write(0, sumRow);
        Nd4j.gemm(dOut, weight.value(), dx, false, true, 1.0, 0.0);     // [N, out] x [out, in] -> [N, in]
    }
}
