package org.transformerguide.playground.model;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax cross-entropy averaged over every position, L = −(1/N) Σ_i log p_i[target_i], and its
 * gradient with respect to the logits, (P − Y) / N (transformers_math.md §2, "the gradient p minus y").
 * Log-probabilities come from log-softmax (z − log Σ e^z), which never takes the log of an underflowed 0.
 */
final class CrossEntropy {

    final class State {
        final INDArray logProbs; // log P [N, V]
        final INDArray dLogits;  // (P − Y) / N [N, V]

        State(int rows, int vocabSize, DataType type) {
            logProbs = Nd4j.create(type, rows, vocabSize);
            dLogits = Nd4j.create(type, rows, vocabSize);
        }
    }

    State newState(int rows, int vocabSize, DataType type) {
        return new State(rows, vocabSize, type);
    }

    /** The mean loss of {@code logits} [N, V] against {@code targets} (N ids). */
    double loss(INDArray logits, int[] targets, State s) {
        Nd4j.exec(new LogSoftMax(logits, s.logProbs)); // log P [N, V]
        DataBuffer logProbs = s.logProbs.data();
        long vocabSize = logits.size(1);
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            sum -= logProbs.getDouble(i * vocabSize + targets[i]); // −log p_i[target_i]
        }
        return sum / targets.length;
    }

    /** dL/d(logits) = (P − Y) / N into {@code s.dLogits}; call after {@link #loss} with the same targets. */
    INDArray backward(int[] targets, State s) {
        Nd4j.exec(new Exp(s.logProbs, s.dLogits));                 // P [N, V]
        DataBuffer dLogits = s.dLogits.data();
        long vocabSize = s.dLogits.size(1);
        for (int i = 0; i < targets.length; i++) {
            long at = i * vocabSize + targets[i];
            dLogits.put(at, dLogits.getDouble(at) - 1.0);            // P − Y, Y one-hot
        }
        s.dLogits.muli(1.0 / targets.length);                       // / N [N, V]
        return s.dLogits;
    }
}
