package org.transformerguide.playground.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout (transformers_math.md, regularization): in training, each element is kept with
 * probability 1 − p and then scaled by 1/(1 − p), so the expected value is unchanged and inference
 * needs no rescaling; at inference nothing happens. One instance per model: it owns the random source
 * (seeded, so a run is reproducible and a gradient check can draw the same mask twice) and the
 * training switch; each place in the network that drops has its own {@link Site} with the mask of the
 * latest pass, which its backward pass multiplies by again.
 *
 * <p>The keep decision uses 16 random bits per element (four per {@code nextLong}): p is rounded to a
 * multiple of 1/65536 and the scale is computed from the rounded value, so the expectation stays exact.
 * Why not {@code nextDouble} per element: the attention masks hold B·H·T² elements per layer, and the
 * cheaper draw keeps dropout a small share of a training step.
 */
final class Dropout {

    private static final int LEVELS = 1 << 16;

    private final int threshold; // drop an element when its 16 random bits are below this
    private final double scale;  // 1 / (1 − p), p as rounded
    private SplittableRandom random;
    private boolean training;

    Dropout(double probability, long seed) {
        threshold = (int) Math.round(probability * LEVELS);
        scale = (double) LEVELS / (LEVELS - threshold);
        random = new SplittableRandom(seed);
    }

    void train(boolean on) {
        training = on;
    }

    boolean training() {
        return training;
    }

    /** Restarts the random source: the next passes draw the same masks as after any other reseed with {@code seed}. */
    void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    private boolean active() {
        return training && threshold > 0;
    }

    /** One place that drops: the mask of the latest forward pass and the buffers around it, allocated on first use. */
    final class Site {
        private INDArray mask;     // 0 or 1/(1 − p), same shape as the dropped array
        private INDArray out;      // x ⊙ mask
        private INDArray grad;     // dOut ⊙ mask (backward)
        private INDArray scratch;  // an input buffer for callers that produce x just to drop it
        private boolean applied;   // whether the latest forward pass dropped here

        /**
         * In training: a fresh mask, and x ⊙ mask in this site's own buffer ({@code x} is unchanged).
         * Otherwise {@code x} itself.
         */
        INDArray forward(INDArray x) {
            applied = active();
            if (!applied) {
                return x;
            }
            if (mask == null) {
                mask = Nd4j.createUninitialized(x.dataType(), x.shape());
                out = Nd4j.createUninitialized(x.dataType(), x.shape());
            }
            draw(mask);
            return out.assign(x).muli(mask);
        }

        /** dL/dx from dL/d(out): the same mask again (or {@code dOut} itself if the forward pass did not drop). */
        INDArray backward(INDArray dOut) {
            if (!applied) {
                return dOut;
            }
            if (grad == null) {
                grad = Nd4j.createUninitialized(dOut.dataType(), dOut.shape());
            }
            return grad.assign(dOut).muli(mask);
        }

        /** dOut ⊙ mask in place, if the latest forward pass dropped here. */
        void backwardInPlace(INDArray dOut) {
            if (applied) {
                dOut.muli(mask);
            }
        }

        /** Whether the next forward pass drops here, i.e. whether a branch must go through {@link #forward}. */
        boolean dropping() {
            return active();
        }

        /** A buffer shaped like {@code like}, for a branch output that is computed and then dropped. */
        INDArray scratch(INDArray like) {
            if (scratch == null) {
                scratch = Nd4j.createUninitialized(like.dataType(), like.shape());
            }
            return scratch;
        }
    }

    /** Fills {@code mask} (contiguous) with 0 (probability p) or 1/(1 − p). */
    private void draw(INDArray mask) {
        NativeRows rows = new NativeRows(mask);
        double[] row = new double[rows.cols];
        long bits = 0;
        int left = 0;
        for (int i = 0; i < rows.rows; i++) {
            for (int j = 0; j < row.length; j++) {
                if (left == 0) {
                    bits = random.nextLong();
                    left = 4;
                }
                row[j] = (bits & 0xFFFF) < threshold ? 0 : scale;
                bits >>>= 16;
                left--;
            }
            rows.write(i, row);
        }
    }
}
