package org.transformerguide.playground.model;

import org.transformerguide.playground.kernels.Kernels;

/**
 * Softmax cross-entropy averaged over every position, L = −(1/N) Σ_i log p_i[target_i], and its
 * gradient with respect to the logits, (P − Y) / N (transformers_math.md §2, "the gradient p minus y").
 * The loss is −log p with p from a max-subtracted softmax; a probability that underflows float's range
 * (below e^−87) is replaced by its exponent, z − max, a lower bound on the true loss that is never +∞.
 */
final class CrossEntropy {

    private CrossEntropy() {
    }

    /** The mean loss of {@code logits} [N, V] against {@code targets} (N ids); softmax(z) into {@code probs} [N, V]. */
    static double loss(float[] logits, int[] targets, int vocabSize, float[] probs) {
        double[] partial = new double[Kernels.threads()];
        Kernels.parallelRows(targets.length, 12L * vocabSize, (w, from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                int at = i * vocabSize;
                System.arraycopy(logits, at, probs, at, vocabSize);
                float max = Kernels.max(probs, at, vocabSize);
                Kernels.softmax(probs, at, vocabSize, 1f);                           // P [V]
                float p = probs[at + targets[i]];
                sum -= p > 1e-37f ? Math.log(p) : logits[at + targets[i]] - max;    // −log p_i[target_i]
            }
            partial[w] = sum;
        });
        double sum = 0;
        for (double s : partial) {
            sum += s;
        }
        return sum / targets.length;
    }

    /** dL/d(logits) = (P − Y) / N in place in {@code probs}, which {@link #loss} filled for the same targets. */
    static void backward(int[] targets, int vocabSize, float[] probs) {
        float scale = 1f / targets.length;
        for (int i = 0; i < targets.length; i++) {
            int at = i * vocabSize;
            probs[at + targets[i]] -= 1;                                              // P − Y, Y one-hot
            for (int v = 0; v < vocabSize; v++) {
                probs[at + v] *= scale;                                               // / N
            }
        }
    }
}
