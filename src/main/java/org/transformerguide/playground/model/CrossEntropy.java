package org.transformerguide.playground.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax cross-entropy averaged over every position, L = −(1/N) Σ_i log p_i[target_i], and its
 * gradient with respect to the logits, (P − Y) / N (transformers_math.md §2, "the gradient p minus y").
 * Log-probabilities come from log-softmax (z − max − log Σ e^(z − max)), which never takes the log of
 * an underflowed 0. One row at a time in plain Java ({@link NativeRows}).
 */
final class CrossEntropy {

    final class State {
        final double[] logProbs; // log P [N·V]
        final INDArray dLogits;  // (P − Y) / N [N, V]
        final double[] row;      // one row [V]

        State(int rows, int vocabSize, DataType type) {
            logProbs = new double[rows * vocabSize];
            dLogits = Nd4j.create(type, rows, vocabSize);
            row = new double[vocabSize];
        }
    }

    State newState(int rows, int vocabSize, DataType type) {
        return new State(rows, vocabSize, type);
    }

    /** The mean loss of {@code logits} [N, V] against {@code targets} (N ids). */
    double loss(INDArray logits, int[] targets, State s) {
        NativeRows rows = new NativeRows(logits);
        int vocabSize = rows.cols;
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            rows.read(i, s.logProbs, i * vocabSize);            // z [V]
            int at = i * vocabSize;
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocabSize; v++) {
                max = Math.max(max, s.logProbs[at + v]);
            }
            double total = 0;
            for (int v = 0; v < vocabSize; v++) {
                total += Math.exp(s.logProbs[at + v] - max);
            }
            double logTotal = max + Math.log(total);            // log Σ e^z
            for (int v = 0; v < vocabSize; v++) {
                s.logProbs[at + v] -= logTotal;                 // log P [V]
            }
            sum -= s.logProbs[at + targets[i]];                  // −log p_i[target_i]
        }
        return sum / targets.length;
    }

    /** dL/d(logits) = (P − Y) / N into {@code s.dLogits}; call after {@link #loss} with the same targets. */
    INDArray backward(int[] targets, State s) {
        NativeRows rows = new NativeRows(s.dLogits);
        int vocabSize = rows.cols;
        double scale = 1.0 / targets.length;
        for (int i = 0; i < targets.length; i++) {
            int at = i * vocabSize;
            for (int v = 0; v < vocabSize; v++) {
                s.row[v] = Math.exp(s.logProbs[at + v]);         // P
            }
            s.row[targets[i]] -= 1;                              // P − Y, Y one-hot
            for (int v = 0; v < vocabSize; v++) {
                s.row[v] *= scale;                               // / N
            }
            rows.write(i, s.row);
        }
        return s.dLogits;
    }
}
