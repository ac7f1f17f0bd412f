package org.transformerguide.playground.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Causal multi-head self-attention, transformers_math.md §4: per head, S = Q Kᵀ / √hs + M,
 * P = softmax(S) row by row, O = P V; the heads side by side form A, and A W_O + b_O is added to the
 * residual stream. All heads of all sequences run as one batched matrix product of shape
 * [B·H, T, ·]; the attention probabilities P are kept (for the backward pass and for heatmaps).
 */
final class CausalSelfAttention {

    private static final MMulTranspose TRANSPOSE_A = MMulTranspose.builder().transposeA(true).build();
    private static final MMulTranspose TRANSPOSE_B = MMulTranspose.builder().transposeB(true).build();
    private static final MMulTranspose NO_TRANSPOSE = MMulTranspose.allFalse();

    private final int nHead;
    private final int headSize;
    private final double scale; // 1 / √hs

    final Linear qkv;  // [W_Q W_K W_V] [C, 3C]: all heads' queries, keys and values in one product
    final Linear proj; // W_O [C, C]

    CausalSelfAttention(ParameterSet parameters, String name, int channels, int nHead) {
        this.nHead = nHead;
        this.headSize = channels / nHead;
        this.scale = 1 / Math.sqrt(headSize);
        qkv = new Linear(parameters, name + ".qkv", channels, 3 * channels);
        proj = new Linear(parameters, name + ".proj", channels, channels);
    }

    /** Buffers for B sequences of T tokens. Views are made once here, so a step allocates nothing. */
    final class State {
        final int batch;
        final int time;
        final INDArray qkvOut;        // [Q K V] [B·T, 3C]
        final INDArray[] qkvByHead;   // views of qkvOut's three column blocks as [B, H, T, hs] (strided)
        final INDArray[] qkvHeads;    // Q, K, V, contiguous [B, H, T, hs]
        final INDArray q, k, v;       // the same as [B·H, T, hs]
        final INDArray mask;          // M [T, T]: 0 on and below the diagonal, −∞ above
        final INDArray probs;         // scores S, then P = softmax(S) in place [B·H, T, T]
        final INDArray heads;         // O = P V [B·H, T, hs]
        final INDArray headsByHead;   // the same as [B, H, T, hs]
        final INDArray merged;        // A: the heads side by side [B·T, C]
        final INDArray mergedByHead;  // view of A as [B, H, T, hs] (strided)
        // backward
        final INDArray dMerged;       // dA [B·T, C]
        final INDArray dMergedByHead; // view of dA as [B, H, T, hs] (strided)
        final INDArray dHeads;        // dO [B·H, T, hs]
        final INDArray dHeadsByHead;  // the same as [B, H, T, hs]
        final INDArray dProbs;        // dP, then dS in place [B·H, T, T]
        final INDArray delta;         // Δ = rowsum(dO ⊙ O) [B·H, T]
        final INDArray scratch;       // [B·H, T, hs]
        final INDArray[] dQkvHeads;   // dQ, dK, dV contiguous [B, H, T, hs]
        final INDArray dq, dk, dv;    // the same as [B·H, T, hs]
        final INDArray dQkv;          // [dQ dK dV] [B·T, 3C]
        final INDArray[] dQkvByHead;  // views of dQkv's column blocks as [B, H, T, hs] (strided)

        State(int batch, int time) {
            this.batch = batch;
            this.time = time;
            var type = qkv.weight.value().dataType();
            int rows = batch * time;
            int channels = nHead * headSize;
            int bh = batch * nHead;
            qkvOut = Nd4j.create(type, rows, 3L * channels);
            qkvByHead = columnBlocksByHead(qkvOut);
            qkvHeads = new INDArray[3];
            dQkvHeads = new INDArray[3];
            for (int i = 0; i < 3; i++) {
                qkvHeads[i] = Nd4j.create(type, batch, nHead, time, headSize);
                dQkvHeads[i] = Nd4j.create(type, batch, nHead, time, headSize);
            }
            q = qkvHeads[0].reshape(bh, time, headSize);
            k = qkvHeads[1].reshape(bh, time, headSize);
            v = qkvHeads[2].reshape(bh, time, headSize);
            dq = dQkvHeads[0].reshape(bh, time, headSize);
            dk = dQkvHeads[1].reshape(bh, time, headSize);
            dv = dQkvHeads[2].reshape(bh, time, headSize);
            mask = Nd4j.zeros(type, time, time);
            for (int row = 0; row < time; row++) {
                for (int col = row + 1; col < time; col++) {
                    mask.putScalar(row, col, Double.NEGATIVE_INFINITY); // query `row` may not see key `col` > row
                }
            }
            probs = Nd4j.create(type, bh, time, time);
            heads = Nd4j.create(type, bh, time, headSize);
            headsByHead = heads.reshape(batch, nHead, time, headSize);
            merged = Nd4j.create(type, rows, channels);
            mergedByHead = merged.reshape(batch, time, nHead, headSize).permute(0, 2, 1, 3);
            dMerged = Nd4j.create(type, rows, channels);
            dMergedByHead = dMerged.reshape(batch, time, nHead, headSize).permute(0, 2, 1, 3);
            dHeads = Nd4j.create(type, bh, time, headSize);
            dHeadsByHead = dHeads.reshape(batch, nHead, time, headSize);
            dProbs = Nd4j.create(type, bh, time, time);
            delta = Nd4j.create(type, bh, time);
            scratch = Nd4j.create(type, bh, time, headSize);
            dQkv = Nd4j.create(type, rows, 3L * channels);
            dQkvByHead = columnBlocksByHead(dQkv);
            for (INDArray view : new INDArray[] {q, k, v, dq, dk, dv, headsByHead, dHeadsByHead}) {
                if (!view.isView()) {
                    throw new IllegalStateException("ND4J copied a reshape that should be a view");
                }
            }
        }

        /** Column block i (Q, K or V) of a [B·T, 3C] array, seen as [B, H, T, hs]. */
        private INDArray[] columnBlocksByHead(INDArray rowsByThreeC) {
            INDArray split = rowsByThreeC.reshape(batch, time, 3, nHead, headSize); // [B, T, 3, H, hs]
            INDArray[] views = new INDArray[3];
            for (int i = 0; i < 3; i++) {
                views[i] = split.get(all(), all(), point(i), all(), all())          // [B, T, H, hs]
                        .permute(0, 2, 1, 3);                                         // [B, H, T, hs]
            }
            return views;
        }

        /** P as [B, H, T, T]: row t of head h is what token t attended to. */
        INDArray probabilities() {
            return probs.reshape(batch, nHead, time, time);
        }
    }

    State newState(int batch, int time) {
        return new State(batch, time);
    }

    /** residual += attention(x) W_O + b_O, for x [B·T, C] (the LayerNorm's output). */
    void forwardAdd(INDArray x, State s, INDArray residual) {
        qkv.forward(x, s.qkvOut);                                          // [Q K V] = x W_qkv + b [B·T, 3C]
        for (int i = 0; i < 3; i++) {
            s.qkvHeads[i].assign(s.qkvByHead[i]);                          // split heads [B, H, T, hs]
        }
        Nd4j.exec(new Mmul(s.q, s.k, s.probs, scale, 0.0, TRANSPOSE_B));  // S = Q Kᵀ / √hs [B·H, T, T]
        s.probs.addi(s.mask);                                              // S + M [B·H, T, T]
        Nd4j.exec(new SoftMax(s.probs, s.probs, 2));                       // P = softmax(S) per row [B·H, T, T]
        Nd4j.exec(new Mmul(s.probs, s.v, s.heads, 1.0, 0.0, NO_TRANSPOSE)); // O = P V [B·H, T, hs]
        s.mergedByHead.assign(s.headsByHead);                             // A = [O_1 ... O_H] [B·T, C]
        proj.forwardAdd(s.merged, residual);                               // Y = X + A W_O + b_O [B·T, C]
    }

    /**
     * Given dY = {@code dResidual} [B·T, C]: all gradients of this branch, and dL/dx into {@code dx}
     * [B·T, C]. The boxed rules of transformers_math.md §4: dV = Pᵀ dO, dP = dO Vᵀ,
     * Δ = rowsum(dO ⊙ O), dS = P ⊙ (dP − Δ), dQ = dS K / √hs, dK = dSᵀ Q / √hs.
     */
    void backward(INDArray x, State s, INDArray dResidual, INDArray dx) {
        proj.backward(s.merged, dResidual, s.dMerged);                         // dW_O, db_O; dA = dY W_Oᵀ [B·T, C]
        s.dHeadsByHead.assign(s.dMergedByHead);                               // dO per head [B·H, T, hs]
        Nd4j.exec(new Mmul(s.probs, s.dHeads, s.dv, 1.0, 0.0, TRANSPOSE_A));  // dV = Pᵀ dO [B·H, T, hs]
        Nd4j.exec(new Mmul(s.dHeads, s.v, s.dProbs, 1.0, 0.0, TRANSPOSE_B));  // dP = dO Vᵀ [B·H, T, T]
        Nd4j.exec(new MulOp(s.dHeads, s.heads, s.scratch));                   // dO ⊙ O [B·H, T, hs]
        s.scratch.sum(s.delta, 2);                                             // Δ [B·H, T]
        Nd4j.exec(new BroadcastSubOp(s.dProbs, s.delta, s.dProbs, 0, 1));     // dP − Δ [B·H, T, T]
        s.dProbs.muli(s.probs);                                                // dS = P ⊙ (dP − Δ), 0 where masked
        Nd4j.exec(new Mmul(s.dProbs, s.k, s.dq, scale, 0.0, NO_TRANSPOSE));   // dQ = dS K / √hs [B·H, T, hs]
        Nd4j.exec(new Mmul(s.dProbs, s.q, s.dk, scale, 0.0, TRANSPOSE_A));    // dK = dSᵀ Q / √hs [B·H, T, hs]
        for (int i = 0; i < 3; i++) {
            s.dQkvByHead[i].assign(s.dQkvHeads[i]);                            // merge heads [B·T, 3C]
        }
        qkv.backward(x, s.dQkv, dx);                                           // dW_qkv, db_qkv; dx [B·T, C]
    }
}
