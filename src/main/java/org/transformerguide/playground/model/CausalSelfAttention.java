package org.transformerguide.playground.model;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Causal multi-head self-attention, transformers_math.md §4: per head, S = Q Kᵀ / √hs + M,
 * P = softmax(S) row by row, O = P V; the heads side by side form A, and A W_O + b_O is added to the
 * residual stream. The matrix products of all heads of all sequences run as batched BLAS products of
 * shape [B·H, T, ·]; splitting and merging the heads, the masked softmax and the softmax's backward
 * rule are plain Java loops over rows ({@link NativeRows}). The mask M is applied in the softmax: a row
 * t gets weight only on keys 0..t, exactly 0 elsewhere. The attention probabilities P are kept (for the
 * backward pass and for heatmaps). In training, dropout (nanoGPT's placement) acts on P before the
 * product with V and on the branch's output before it joins the stream; P itself is kept undropped.
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
    private final Dropout dropout;

    CausalSelfAttention(ParameterSet parameters, String name, int channels, int nHead, Dropout dropout) {
        this.dropout = dropout;
        this.nHead = nHead;
        this.headSize = channels / nHead;
        this.scale = 1 / Math.sqrt(headSize);
        qkv = new Linear(parameters, name + ".qkv", channels, 3 * channels);
        proj = new Linear(parameters, name + ".proj", channels, channels);
    }

    /** Buffers for B sequences of T tokens, allocated once, so a step allocates nothing. */
    final class State {
        final int batch;
        final int time;
        final boolean exact;          // DOUBLE model: Math.exp in the softmax
        final INDArray qkvOut;        // [Q K V] [B·T, 3C]
        final INDArray q, k, v;       // Q, K, V per head, contiguous [B·H, T, hs]
        final INDArray probs;         // scores S, then P = softmax(S) in place [B·H, T, T]
        final INDArray heads;         // O = P V [B·H, T, hs]
        final INDArray merged;        // A: the heads side by side [B·T, C]
        // backward
        final INDArray dMerged;       // dA [B·T, C]
        final INDArray dHeads;        // dO [B·H, T, hs]
        final INDArray dProbs;        // dP, then dS in place [B·H, T, T]
        final INDArray dq, dk, dv;    // dQ, dK, dV [B·H, T, hs]
        final INDArray dQkv;          // [dQ dK dV] [B·T, 3C]
        // the same arrays row by row
        final NativeRows qkvRows, mergedRows, dMergedRows, dQkvRows, probsRows, dProbsRows, headsRows, dHeadsRows;
        final NativeRows[] qkvHeadRows;  // q, k, v
        final NativeRows[] dQkvHeadRows; // dq, dk, dv
        final double[] wide;          // one row [3C]
        final double[] row;           // one row [T]
        final double[] row2;          // one row [T]
        final double[] head;          // one head row [hs]
        final double[] head2;         // one head row [hs]
        final Dropout.Site probsDrop = dropout.new Site();  // on P [B·H, T, T]
        final Dropout.Site outputDrop = dropout.new Site(); // on A W_O + b_O [B·T, C]
        INDArray weights;             // what multiplied V in the latest pass: P, or P with dropout

        State(int batch, int time) {
            this.batch = batch;
            this.time = time;
            DataType type = qkv.weight.value().dataType();
            exact = type == DataType.DOUBLE;
            int rows = batch * time;
            int channels = nHead * headSize;
            int bh = batch * nHead;
            qkvOut = Nd4j.create(type, rows, 3L * channels);
            q = Nd4j.create(type, bh, time, headSize);
            k = Nd4j.create(type, bh, time, headSize);
            v = Nd4j.create(type, bh, time, headSize);
            probs = Nd4j.create(type, bh, time, time);
            heads = Nd4j.create(type, bh, time, headSize);
            merged = Nd4j.create(type, rows, channels);
            dMerged = Nd4j.create(type, rows, channels);
            dHeads = Nd4j.create(type, bh, time, headSize);
            dProbs = Nd4j.create(type, bh, time, time);
            dq = Nd4j.create(type, bh, time, headSize);
            dk = Nd4j.create(type, bh, time, headSize);
            dv = Nd4j.create(type, bh, time, headSize);
            dQkv = Nd4j.create(type, rows, 3L * channels);
            qkvRows = new NativeRows(qkvOut);
            mergedRows = new NativeRows(merged);
            dMergedRows = new NativeRows(dMerged);
            dQkvRows = new NativeRows(dQkv);
            probsRows = new NativeRows(probs);
            dProbsRows = new NativeRows(dProbs);
            headsRows = new NativeRows(heads);
            dHeadsRows = new NativeRows(dHeads);
            qkvHeadRows = new NativeRows[] {new NativeRows(q), new NativeRows(k), new NativeRows(v)};
            dQkvHeadRows = new NativeRows[] {new NativeRows(dq), new NativeRows(dk), new NativeRows(dv)};
            wide = new double[3 * channels];
            row = new double[time];
            row2 = new double[time];
            head = new double[headSize];
            head2 = new double[headSize];
        }

        /** P as [B, H, T, T]: row t of head h is what token t attended to. */
        INDArray probabilities() {
            return probs.reshape(batch, nHead, time, time);
        }

        /** Row of [B·H, T, ·] arrays holding head h of token t of sequence b. */
        int headRow(int b, int h, int t) {
            return (b * nHead + h) * time + t;
        }
    }

    State newState(int batch, int time) {
        return new State(batch, time);
    }

    /** residual += attention(x) W_O + b_O, for x [B·T, C] (the LayerNorm's output). */
    void forwardAdd(INDArray x, State s, INDArray residual) {
        qkv.forward(x, s.qkvOut);                                          // [Q K V] = x W_qkv + b [B·T, 3C]
        splitHeads(s.qkvRows, s.qkvHeadRows, s);                           // Q, K, V [B·H, T, hs]
        Nd4j.exec(new Mmul(s.q, s.k, s.probs, scale, 0.0, TRANSPOSE_B));  // S = Q Kᵀ / √hs [B·H, T, T]
        for (int r = 0; r < s.probsRows.rows; r++) {
            causalSoftmax(s.probsRows, r, r % s.time, s);                  // P = softmax(S + M) per row [B·H, T, T]
        }
        s.weights = s.probsDrop.forward(s.probs);                          // dropout(P) in training [B·H, T, T]
        Nd4j.exec(new Mmul(s.weights, s.v, s.heads, 1.0, 0.0, NO_TRANSPOSE)); // O = P V [B·H, T, hs]
        mergeHeads(new NativeRows[] {s.headsRows}, s.mergedRows, s);      // A = [O_1 ... O_H] [B·T, C]
        if (s.outputDrop.dropping()) {
            INDArray branch = s.outputDrop.scratch(residual);
            proj.forward(s.merged, branch);                                // A W_O + b_O [B·T, C]
            residual.addi(s.outputDrop.forward(branch));                   // Y = X + dropout(A W_O + b_O)
        } else {
            proj.forwardAdd(s.merged, residual);                           // Y = X + A W_O + b_O [B·T, C]
        }
    }

    /**
     * Given dY = {@code dResidual} [B·T, C]: all gradients of this branch, and dL/dx into {@code dx}
     * [B·T, C]. The boxed rules of transformers_math.md §4: dV = Pᵀ dO, dP = dO Vᵀ,
     * Δ = rowsum(dO ⊙ O), dS = P ⊙ (dP − Δ), dQ = dS K / √hs, dK = dSᵀ Q / √hs.
     * With dropout mask M on P (O = (P ⊙ M) V): dV = (P ⊙ M)ᵀ dO and dP = (dO Vᵀ) ⊙ M; Δ stays
     * rowsum(dO ⊙ O), which still equals rowsum(dP ⊙ P), so the softmax rule is unchanged.
     */
    void backward(INDArray x, State s, INDArray dResidual, INDArray dx) {
        INDArray dBranch = s.outputDrop.backward(dResidual);                   // dY ⊙ mask, or dY [B·T, C]
        proj.backward(s.merged, dBranch, s.dMerged);                           // dW_O, db_O; dA = dY W_Oᵀ [B·T, C]
        splitHeads(s.dMergedRows, new NativeRows[] {s.dHeadsRows}, s);        // dO per head [B·H, T, hs]
        Nd4j.exec(new Mmul(s.weights, s.dHeads, s.dv, 1.0, 0.0, TRANSPOSE_A)); // dV = Pᵀ dO [B·H, T, hs]
        Nd4j.exec(new Mmul(s.dHeads, s.v, s.dProbs, 1.0, 0.0, TRANSPOSE_B));  // dP = dO Vᵀ [B·H, T, T]
        s.probsDrop.backwardInPlace(s.dProbs);                                 // dP ⊙ M when P was dropped
        for (int r = 0; r < s.probsRows.rows; r++) {
            s.headsRows.read(r, s.head);                                       // O, one row [hs]
            s.dHeadsRows.read(r, s.head2);                                     // dO, one row [hs]
            double delta = 0;
            for (int d = 0; d < headSize; d++) {
                delta += s.head[d] * s.head2[d];                               // Δ = rowsum(dO ⊙ O)
            }
            s.probsRows.read(r, s.row);                                        // P, one row [T]
            s.dProbsRows.read(r, s.row2);                                      // dP, one row [T]
            for (int j = 0; j < s.time; j++) {
                s.row2[j] = s.row[j] * (s.row2[j] - delta);                    // dS = P ⊙ (dP − Δ), 0 where masked
            }
            s.dProbsRows.write(r, s.row2);
        }
        Nd4j.exec(new Mmul(s.dProbs, s.k, s.dq, scale, 0.0, NO_TRANSPOSE));   // dQ = dS K / √hs [B·H, T, hs]
        Nd4j.exec(new Mmul(s.dProbs, s.q, s.dk, scale, 0.0, TRANSPOSE_A));    // dK = dSᵀ Q / √hs [B·H, T, hs]
        mergeHeads(s.dQkvHeadRows, s.dQkvRows, s);                             // [dQ dK dV] [B·T, 3C]
        qkv.backward(x, s.dQkv, dx);                                           // dW_qkv, db_qkv; dx [B·T, C]
    }

    /**
     * Row r of S (query position t) in place to softmax over keys 0..t, 0 after t: the causal mask
     * M (−∞ above the diagonal) folded into the softmax. The maximum is subtracted first, as always.
     */
    private void causalSoftmax(NativeRows scores, int r, int t, State s) {
        double[] row = s.row;
        scores.read(r, row);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= t; j++) {
            max = Math.max(max, row[j]);
        }
        double sum = 0;
        if (s.exact) {
            for (int j = 0; j <= t; j++) {
                row[j] = Math.exp(row[j] - max);
                sum += row[j];
            }
        } else {
            for (int j = 0; j <= t; j++) {
                row[j] = Gelu.expNegative(max - row[j]); // e^(S − max) to float precision, see Gelu
                sum += row[j];
            }
        }
        double inverse = 1 / sum;
        for (int j = 0; j <= t; j++) {
            row[j] *= inverse;
        }
        for (int j = t + 1; j < s.time; j++) {
            row[j] = 0;                                  // no look-ahead
        }
        scores.write(r, row);
    }

    /**
     * Column blocks of rows [B·T, blocks·C] to per-head rows [B·H, T, hs]: column
     * i·C + h·hs + d of token (b, t) goes to row (b·H + h)·T + t, column d, of block i's array.
     */
    private void splitHeads(NativeRows byToken, NativeRows[] byHead, State s) {
        for (int b = 0; b < s.batch; b++) {
            for (int t = 0; t < s.time; t++) {
                byToken.read(b * s.time + t, s.wide);
                for (int i = 0; i < byHead.length; i++) {
                    for (int h = 0; h < nHead; h++) {
                        byHead[i].write(s.headRow(b, h, t), s.wide, (i * nHead + h) * headSize);
                    }
                }
            }
        }
    }

    /** The inverse of {@link #splitHeads}: per-head rows [B·H, T, hs] side by side into [B·T, blocks·C]. */
    private void mergeHeads(NativeRows[] byHead, NativeRows byToken, State s) {
        for (int b = 0; b < s.batch; b++) {
            for (int t = 0; t < s.time; t++) {
                for (int i = 0; i < byHead.length; i++) {
                    for (int h = 0; h < nHead; h++) {
                        byHead[i].read(s.headRow(b, h, t), s.wide, (i * nHead + h) * headSize);
                    }
                }
                byToken.write(b * s.time + t, s.wide);
            }
        }
    }
}
