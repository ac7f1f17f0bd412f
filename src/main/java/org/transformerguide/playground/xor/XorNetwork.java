package org.transformerguide.playground.xor;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The network of nn_intro.md §5 with a trainable hidden width: two inputs, {@code hidden} units with
 * activation σ, one sigmoid output, in the guide's row-vector notation,
 * <pre>
 * H = σ(X W1 + b1),   z2 = H W2 + b2,   ŷ = sigmoid(z2)
 * </pre>
 * trained on the four XOR rows at once (full-batch gradient descent) with the mean binary cross-entropy.
 * Forward and backward are written out with ND4J operations, like the playground's GPT, so the gradient
 * rules are the ones mlp_intro.md §5 works by hand. Every ND4J call has a fixed cost that dwarfs the
 * arithmetic on arrays this small, so the buffers are preallocated and the parameters share one flat
 * buffer (one update per step). Not thread-safe: one network per training run.
 */
final class XorNetwork {

    /** The four inputs, one per row [4, 2], in the order of the guide's truth table. */
    static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** XOR of each row [4]. */
    static final double[] TARGETS = {0, 1, 1, 0};

    private final HiddenActivation activation;
    private final int hidden;
    private final INDArray values;    // W1, b1, W2, b2 flat [n]
    private final INDArray gradients; // their gradients, same order [n]

    final INDArray w1;  // W1 [2, H]
    final INDArray b1;  // b1 [1, H]
    final INDArray w2;  // W2 [H, 1]
    final INDArray b2;  // b2 [1, 1]
    private final INDArray dW1; // dL/dW1 [2, H]
    private final INDArray db1; // dL/db1 [1, H]
    private final INDArray dW2; // dL/dW2 [H, 1]
    private final INDArray db2; // dL/db2 [1, 1]

    // The batch of four and what the forward pass keeps for the backward pass.
    private final INDArray x = Nd4j.create(INPUTS).castTo(DataType.DOUBLE);                 // X [4, 2]
    private final INDArray y = Nd4j.create(TARGETS, new long[] {4, 1}, DataType.DOUBLE);    // y [4, 1]
    private final INDArray h;                                                               // H [4, H]
    private final INDArray z2 = Nd4j.create(DataType.DOUBLE, 4, 1);                         // z2 [4, 1]
    private final INDArray p = Nd4j.create(DataType.DOUBLE, 4, 1);                          // ŷ [4, 1]
    private final INDArray dz2 = Nd4j.create(DataType.DOUBLE, 4, 1);                        // dL/dz2 [4, 1]
    private final INDArray dz1;                                                             // dL/dZ1 [4, H]
    private final INDArray slope;                                                           // σ'(Z1) [4, H]

    /**
     * Random weights from {@code seed} (java.util.Random, so a seed means the same network whatever else
     * the server is doing), scaled for the activation; biases start at zero, as mlp_intro.md recommends.
     */
    XorNetwork(int hidden, HiddenActivation activation, long seed) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be at least 1");
        }
        this.hidden = hidden;
        this.activation = activation;
        long n = 2L * hidden + hidden + hidden + 1;
        values = Nd4j.zeros(DataType.DOUBLE, n);
        gradients = Nd4j.zeros(DataType.DOUBLE, n);
        w1 = slice(values, 0, 2, hidden);                   // views of the flat arrays, so one SGD step
        b1 = slice(values, 2L * hidden, 1, hidden);         // updates every parameter at once
        w2 = slice(values, 3L * hidden, hidden, 1);
        b2 = slice(values, 4L * hidden, 1, 1);
        dW1 = slice(gradients, 0, 2, hidden);
        db1 = slice(gradients, 2L * hidden, 1, hidden);
        dW2 = slice(gradients, 3L * hidden, hidden, 1);
        db2 = slice(gradients, 4L * hidden, 1, 1);
        Random random = new Random(seed);
        fillGaussian(w1, random, activation.initStd(2, hidden));
        // The output unit is a sigmoid: Glorot's scale, whatever the hidden activation.
        fillGaussian(w2, random, Math.sqrt(2.0 / (hidden + 1)));
        h = Nd4j.create(DataType.DOUBLE, 4, hidden);
        dz1 = Nd4j.create(DataType.DOUBLE, 4, hidden);
        slope = Nd4j.create(DataType.DOUBLE, 4, hidden);
    }

    /** Elements [from, from + rows·cols) of {@code flat} as a [rows, cols] view. */
    private static INDArray slice(INDArray flat, long from, long rows, long cols) {
        return flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + rows * cols)).reshape('c', rows, cols);
    }

    private static void fillGaussian(INDArray target, Random random, double std) {
        double[] values = new double[(int) target.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        target.assign(Nd4j.create(values, target.shape(), DataType.DOUBLE));
    }

    /** Every parameter in one flat array [n] (W1, b1, W2, b2 row by row); writes go to the network. */
    INDArray parameterValues() {
        return values;
    }

    /** The gradients of the last {@link #backward()}, in the order of {@link #parameterValues()} [n]. */
    INDArray parameterGradients() {
        return gradients;
    }

    int hidden() {
        return hidden;
    }

    HiddenActivation activation() {
        return activation;
    }

    /** Runs the four XOR rows forward, keeping H and ŷ for the backward pass. */
    void forward() {
        Nd4j.gemm(x, w1, h, false, false, 1.0, 0.0);   // X W1 [4, 2] x [2, H] -> [4, H]
        h.addiRowVector(b1);                          // Z1 = X W1 + b1 [4, H]
        activation.applyInPlace(h);                   // H = σ(Z1) [4, H]
        Nd4j.gemm(h, w2, z2, false, false, 1.0, 0.0); // H W2 [4, H] x [H, 1] -> [4, 1]
        z2.addiRowVector(b2);                         // z2 = H W2 + b2 [4, 1]
        Nd4j.exec(new Sigmoid(z2, p));                // ŷ = sigmoid(z2) [4, 1]
    }

    /**
     * The mean binary cross-entropy of the last {@link #forward()}, −[y ln ŷ + (1 − y) ln(1 − ŷ)] averaged,
     * computed from the logit z2 as max(z, 0) − z y + ln(1 + e^−|z|): equal, but it never takes the log of
     * an ŷ that rounded to 0 or 1.
     */
    double loss() {
        double[] z = z2.toDoubleVector();
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            total += Math.max(z[i], 0) - z[i] * TARGETS[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        return total / z.length;
    }

    /** Fills the gradients of the loss of the last {@link #forward()}. */
    void backward() {
        Nd4j.exec(new SubOp(p, y, dz2));                      // ŷ − y [4, 1]: sigmoid and cross-entropy together
        dz2.divi(4);                                          // dL/dz2 = (ŷ − y) / 4, the mean over the batch [4, 1]
        Nd4j.gemm(h, dz2, dW2, true, false, 1.0, 0.0);        // dW2 = Hᵀ dz2 [H, 4] x [4, 1] -> [H, 1]
        dz2.sum(db2, 0);                                      // db2 = column sum of dz2 [1, 1]
        Nd4j.gemm(dz2, w2, dz1, false, true, 1.0, 0.0);       // dL/dH = dz2 W2ᵀ [4, 1] x [1, H] -> [4, H]
        activation.slopeInPlace(h, slope);                    // σ'(Z1), read off H [4, H]
        dz1.muli(slope);                                      // dL/dZ1 = dL/dH ⊙ σ'(Z1) [4, H]
        Nd4j.gemm(x, dz1, dW1, true, false, 1.0, 0.0);        // dW1 = Xᵀ dL/dZ1 [2, 4] x [4, H] -> [2, H]
        dz1.sum(db1, 0);                                      // db1 = column sums of dL/dZ1 [1, H]
    }

    /** One gradient-descent step on every parameter at once, θ ← θ − η ∇θ L (the gradients are spent). */
    void step(double learningRate) {
        values.subi(gradients.muli(learningRate));
    }

    /** ŷ for each XOR row after the last {@link #forward()} [4]. */
    double[] predictions() {
        return p.toDoubleVector();
    }

    /** ŷ for arbitrary points, one per row [N, 2] -> [N]; the training state is left alone. */
    double[] probabilities(INDArray points) {
        INDArray hiddenOut = points.mmul(w1).addiRowVector(b1);  // [N, 2] x [2, H] + [1, H] -> [N, H]
        activation.applyInPlace(hiddenOut);                      // σ(.) [N, H]
        INDArray logits = hiddenOut.mmul(w2).addiRowVector(b2); // [N, H] x [H, 1] + [1, 1] -> [N, 1]
        return Transforms.sigmoid(logits, false).toDoubleVector();
    }

    /** The weights as nested arrays, row by row, for the reader to compare with the hand-picked ones. */
    XorWeights weights() {
        return new XorWeights(w1.toDoubleMatrix(), b1.toDoubleVector(), w2.toDoubleMatrix(), b2.getDouble(0));
    }
}
