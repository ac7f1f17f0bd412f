package org.transformerguide.playground.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learned token and position embeddings: x[b, t] = wte[token[b, t]] + wpe[t]. The token table is also
 * the output head (weight tying), so its gradient gets two contributions; the head's is written first.
 */
final class Embedding {

    final Parameter tokens;    // wte [V, C]
    final Parameter positions; // wpe [T_max, C]
    private final int vocabSize;

    Embedding(ParameterSet parameters, GptConfig config) {
        vocabSize = config.vocabSize();
        tokens = parameters.allocate("wte", true, config.vocabSize(), config.nEmbd());
        positions = parameters.allocate("wpe", true, config.blockSize(), config.nEmbd());
    }

    final class State {
        final INDArray oneHot;        // row i is e_{token i} [B·T, V]
        final INDArray out;           // x [B·T, C]
        final INDArray outBySequence; // the same as [B, T, C]
        final INDArray positionRows;  // wpe[0..T) [T, C] (view)
        final INDArray positionGrad;  // dwpe[0..T) [T, C] (view)

        State(int batch, int time) {
            var type = tokens.value().dataType();
            long channels = tokens.shape()[1];
            oneHot = Nd4j.zeros(type, (long) batch * time, vocabSize);
            out = Nd4j.create(type, (long) batch * time, channels);
            outBySequence = out.reshape(batch, time, channels);
            positionRows = positions.value().get(interval(0, time), all());
            positionGrad = positions.gradient().get(interval(0, time), all());
        }
    }

    State newState(int batch, int time) {
        return new State(batch, time);
    }

    /** x for {@code ids} (B·T token ids, row-major over [B, T]); returns {@code s.out} [B·T, C]. */
    INDArray forward(int[] ids, State s) {
        Nd4j.pullRows(tokens.value(), s.out, 1, ids);   // wte[token] per row [B·T, C]
        s.outBySequence.addi(s.positionRows);           // + wpe[t], broadcast over B [B, T, C]
        // The one-hot rows are only needed for the backward pass (below); filling them costs B·T writes.
        s.oneHot.assign(0);                             // [B·T, V]
        DataBuffer oneHot = s.oneHot.data();
        for (int i = 0; i < ids.length; i++) {
            oneHot.put((long) i * vocabSize + ids[i], 1.0);
        }
        return s.out;
    }

    /**
     * From dL/dx [B·T, C]: ADDS the lookup's share to dwte (the head has written its share), writes dwpe.
     * The gradient of a row lookup is a scatter-add of the rows of dx into the rows looked up; written as
     * the product with the one-hot matrix, e_iᵀ dx summed over i, it is one deterministic BLAS call.
     */
    void backward(INDArray dx, State s) {
        Nd4j.gemm(s.oneHot, dx, tokens.gradient(), true, false, 1.0, 1.0); // dwte += onehotᵀ dx [V, C]
        positions.gradient().assign(0);                                     // rows T..T_max get nothing
        dx.reshape(s.outBySequence.shape()).sum(s.positionGrad, 0);         // dwpe[t] = Σ_b dx[b, t] [T, C]
    }
}
