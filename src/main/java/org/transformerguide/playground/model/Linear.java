package org.transformerguide.playground.model;

import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.kernels.PackedMatrix;

/**
 * A fully connected layer in the guide's row-vector convention, {@code y = x W + b} with
 * {@code W [in, out]} (PyTorch stores the transpose). Holds no activations: callers pass the input they
 * kept from the forward pass to {@link #backward}. The bias is put in (or added to) the output first
 * and the product accumulates onto it, so there is no separate bias pass.
 */
final class Linear {

    final Parameter weight; // W [in, out]
    final Parameter bias;   // b [1, out]
    final int in;
    final int out;

    Linear(ParameterSet parameters, String name, int in, int out) {
        this.in = in;
        this.out = out;
        weight = parameters.allocate(name + ".weight", true, in, out);
        bias = parameters.allocate(name + ".bias", false, 1, out);
    }

    /** W copied into the panels the batched step's products read: a snapshot, see {@link PackedMatrix}. */
    PackedMatrix pack() {
        return Kernels.pack(weight.values(), weight.offset(), out, in, out);
    }

    /**
     * y[rows, out] = x[rows, in] W + b (leading dimensions ldx, ldy), reading W from {@code packed} (this
     * layer's {@link #pack()}) when it is given, else as stored: the same numbers either way.
     */
    void forward(float[] x, int xOff, int ldx, int rows, float[] y, int yOff, int ldy, PackedMatrix packed) {
        float[] p = weight.values();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(p, bias.offset(), y, yOff + r * ldy, out);                   // y = b
        }
        addProduct(x, xOff, ldx, rows, y, yOff, ldy, packed);                             // y += x W
    }

    /** y += x W + b: a residual branch adds onto the stream without a separate sum. W as in {@link #forward}. */
    void forwardAdd(float[] x, int xOff, int ldx, int rows, float[] y, int yOff, int ldy, PackedMatrix packed) {
        float[] p = weight.values();
        for (int r = 0; r < rows; r++) {
            Kernels.axpy(1, p, bias.offset(), y, yOff + r * ldy, out);                   // y += b
        }
        addProduct(x, xOff, ldx, rows, y, yOff, ldy, packed);                             // y += x W
    }

    private void addProduct(float[] x, int xOff, int ldx, int rows, float[] y, int yOff, int ldy, PackedMatrix packed) {
        if (packed == null) {
            Kernels.gemm(false, rows, out, in, x, xOff, ldx, weight.values(), weight.offset(), out, y, yOff, ldy, true);
        } else {
            Kernels.gemmPacked(rows, x, xOff, ldx, packed, y, yOff, ldy, true);
        }
    }

    /**
     * From {@code dy} = dL/dy [rows, out], the three rules of transformers_math.md §2 ("Gradient of an
     * affine layer"): dW = xᵀ dy, db = 1ᵀ dy (column sums), dx = dy Wᵀ. Overwrites the parameter
     * gradients (each layer is used once per forward pass); {@code weightT} [out, in] is scratch for Wᵀ.
     */
    void backward(float[] x, int ldx, float[] dy, int ldy, int rows, float[] dx, int lddx, float[] weightT) {
        float[] g = weight.gradients();
        Kernels.gemm(true, in, out, rows, x, 0, ldx, dy, 0, ldy, g, weight.offset(), out, false);  // dW [in, out]
        java.util.Arrays.fill(g, bias.offset(), bias.offset() + out, 0f);
        for (int r = 0; r < rows; r++) {
            Kernels.axpy(1, dy, r * ldy, g, bias.offset(), out);                                  // db += dy[r]
        }
        Kernels.transpose(weight.values(), weight.offset(), out, in, out, weightT, 0);           // Wᵀ [out, in]
        Kernels.gemm(false, rows, in, out, dy, 0, ldy, weightT, 0, in, dx, 0, lddx, false);     // dx [rows, in]
    }
}
