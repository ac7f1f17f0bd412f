package org.transformerguide.playground.model;

import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.kernels.PackedMatrix;

/**
 * Causal multi-head self-attention, transformers_math.md §4: per head, S = Q Kᵀ / √hs + M,
 * P = softmax(S) row by row, O = P V; the heads side by side form A, and A W_O + b_O is added to the
 * residual stream. Heads are column blocks of [Q K V] (nanoGPT's layout) read in place through leading
 * dimensions, never copied out. The causal mask M is applied in the softmax: query position t gets
 * weight only on keys 0..t, exactly 0 after.
 *
 * <p>One code path serves a training batch (B sequences from position 0, keys and values read from the
 * same [Q K V] buffer) and a cached sequence (n new tokens from position p0, keys and values appended to a
 * {@link KeyValues} cache first): only where the keys and values live differs.
 */
final class CausalSelfAttention {

    final int nHead;
    final int headSize;
    final int channels;
    private final float scale; // 1 / √hs

    final Linear qkv;  // [W_Q W_K W_V] [C, 3C]: all heads' queries, keys and values in one product
    final Linear proj; // W_O [C, C]

    CausalSelfAttention(ParameterSet parameters, String name, int channels, int nHead) {
        this.nHead = nHead;
        this.channels = channels;
        this.headSize = channels / nHead;
        this.scale = (float) (1 / Math.sqrt(headSize));
        qkv = new Linear(parameters, name + ".qkv", channels, 3 * channels);
        proj = new Linear(parameters, name + ".proj", channels, channels);
    }

    /**
     * Where one sequence's keys and values are. The value of head h at position t is
     * {@code values[valueOff + t·valueLd + h·hs ..]} (hs numbers). Keys are stored the same way, or, with
     * {@code keysTransposed} (a cache), as Kᵀ [C, capacity]: channel d of position t at
     * {@code keys[keyOff + d·keyLd + t]}, so that S = Q Kᵀ is a plain matrix product over the cache with no
     * transposition per token.
     */
    record KeyValues(float[] keys, int keyOff, int keyLd, boolean keysTransposed, float[] values, int valueOff, int valueLd) {
    }

    /** Activations of one pass over `batch` sequences of `rows` new tokens each (and their backward buffers in training). */
    static final class State {
        final float[] qkvOut;  // [Q K V] [B·n, 3C]
        final float[] probs;   // P per (sequence, head): [B·H, n, ldp]
        final int ldp;         // row length of probs: T (training) or the cache's capacity
        final float[] merged;  // A: the heads side by side [B·n, C]
        final float[] dMerged; // dA [B·n, C] (training)
        final float[] dQkv;    // [dQ dK dV] [B·n, 3C] (training)
        final float[] probMask; // dropout mask on P [B·H, n, ldp] (training with dropout)
        final float[] dropped;  // P' = P ⊙ mask, what multiplies V when dropping [B·H, n, ldp]
        boolean dropping;      // whether the latest pass dropped attention weights
        long dropSeed;         // that pass's seed for them
        PackedMatrix qkvW;     // W_qkv and W_O in panels while the batched step runs this block, else null
        PackedMatrix projW;

        State(int batch, int rows, int ldp, int channels, int nHead, boolean training, boolean dropout) {
            qkvOut = new float[batch * rows * 3 * channels];
            probs = new float[batch * nHead * rows * ldp];
            this.ldp = ldp;
            merged = new float[batch * rows * channels];
            dMerged = training ? new float[batch * rows * channels] : null;
            dQkv = training ? new float[batch * rows * 3 * channels] : null;
            probMask = training && dropout ? new float[probs.length] : null;
            dropped = training && dropout ? new float[probs.length] : null;
        }
    }

    /** Keys and values read in place from a full pass's [Q K V] buffer: sequence b of B sequences of T tokens. */
    KeyValues inPlace(State s, int b, int time) {
        int row0 = b * time * 3 * channels;
        return new KeyValues(s.qkvOut, row0 + channels, 3 * channels, false, s.qkvOut, row0 + 2 * channels, 3 * channels);
    }

    /**
     * out (+)= attention(x) W_O + b_O for x [B·n, C] (the LayerNorm's output): B sequences of n new tokens
     * each, sequence b's at positions p0[b] .. p0[b] + n − 1, attending to positions 0 .. p0[b] + n − 1
     * of its {@code kv[b]}. With {@code append} (caches) the new keys and values are appended to each
     * sequence's cache first. With {@code dropout} the attention weights are dropped (training), from the
     * seed in {@code s.dropSeed}.
     */
    void forward(float[] x, int batch, int n, int[] p0, State s, KeyValues[] kv, boolean append, float[] out, boolean add,
                 Scratch scratch, Dropout dropout) {
        int c = channels;
        qkv.forward(x, 0, c, batch * n, s.qkvOut, 0, 3 * c, s.qkvW);                    // [Q K V] = x W_qkv + b [B·n, 3C]
        long work = 0;
        for (int b = 0; b < batch; b++) {
            if (append) {                                                          // caches: keys and values in
                KeyValues cache = kv[b];
                for (int i = 0; i < n; i++) {
                    int row = (b * n + i) * 3 * c;
                    int t = p0[b] + i;
                    for (int d = 0; d < c; d++) {
                        cache.keys()[cache.keyOff() + d * cache.keyLd() + t] = s.qkvOut[row + c + d]; // column t of Kᵀ
                    }
                    System.arraycopy(s.qkvOut, row + 2 * c, cache.values(), cache.valueOff() + t * cache.valueLd(), c);
                }
            }
            work += (long) n * (p0[b] + n) * headSize * nHead;
        }
        s.dropping = dropout != null;
        Kernels.RangeBody heads = (worker, from, to) -> {
            for (int pair = from; pair < to; pair++) {
                int b = pair / nHead;
                attendHead(b, pair % nHead, n, p0[b], s, kv[b], scratch.keysT[worker], dropout);
            }
        };
        if (work < (1 << 16)) {
            heads.run(0, 0, batch * nHead);                                       // too little to share
        } else {
            Kernels.parallelRanges(batch * nHead, heads);
        }
        if (add) {
            proj.forwardAdd(s.merged, 0, c, batch * n, out, 0, c, s.projW);             // Y = X + A W_O + b_O [B·n, C]
        } else {
            proj.forward(s.merged, 0, c, batch * n, out, 0, c, s.projW);                // the branch alone, to be dropped
        }
    }

    /** One head of one sequence: S = Q Kᵀ, P = softmax(S/√hs + M), O = P V into its columns of A. */
    private void attendHead(int b, int h, int n, int p0, State s, KeyValues kv, float[] keysT, Dropout dropout) {
        int c = channels;
        int len = p0 + n;
        int q = b * n * 3 * c + h * headSize;                                     // Q_h rows [n, hs], ld 3C
        int p = (b * nHead + h) * n * s.ldp;                                      // P_h [n, len], ld ldp
        int cols = len;                                                            // columns of S computed
        if (kv.keysTransposed()) {                                                // a cache holds K_hᵀ [hs, capacity]
            // Whole vectors of columns (≤ the capacity): a ragged end would run as scalar code, and the
            // extra scores, over stale cache columns, are zeroed below and never weigh a value.
            cols = Math.min(kv.keyLd(), (len + 31) & ~31);
            Kernels.gemmSerial(false, n, cols, headSize, s.qkvOut, q, 3 * c, kv.keys(), kv.keyOff() + h * headSize * kv.keyLd(),
                    kv.keyLd(), s.probs, p, s.ldp, false);                           // S [n, len]
        } else {
            Kernels.transpose(kv.keys(), kv.keyOff() + h * headSize, kv.keyLd(), len, headSize, keysT, 0); // K_hᵀ [hs, len]
            Kernels.gemmSerial(false, n, len, headSize, s.qkvOut, q, 3 * c, keysT, 0, len, s.probs, p, s.ldp, false); // S [n, len]
        }
        for (int i = 0; i < n; i++) {
            int row = p + i * s.ldp;
            int visible = p0 + i + 1;                                             // keys 0 .. p0 + i
            Kernels.softmax(s.probs, row, visible, scale);                        // P = softmax(S / √hs) there
            java.util.Arrays.fill(s.probs, row + visible, row + cols, 0f);        // no look-ahead
        }
        float[] weights = s.probs;
        if (dropout != null) {                                                    // P' = dropout(P), per (sequence, head)
            dropout.fill(Dropout.mix(s.dropSeed, b * nHead + h), s.probMask, p, n * s.ldp);
            for (int i = 0; i < n * s.ldp; i++) {
                s.dropped[p + i] = s.probs[p + i] * s.probMask[p + i];
            }
            weights = s.dropped;
        }
        Kernels.gemmSerial(false, n, headSize, len, weights, p, s.ldp, kv.values(), kv.valueOff() + h * headSize, kv.valueLd(),
                s.merged, b * n * c + h * headSize, c, false);                    // O_h = P V_h [n, hs]
    }

    /**
     * Training only (p0 = 0, n = T, keys and values in place). Given dL/d(branch output) = {@code dOut}
     * [B·T, C]: all gradients of this branch, and dL/dx into {@code dx} [B·T, C]. The boxed rules of
     * transformers_math.md §4: dV = Pᵀ dO, dP = dO Vᵀ, Δ = rowsum(P ⊙ dP), dS = P ⊙ (dP − Δ),
     * dQ = dS K / √hs, dK = dSᵀ Q / √hs. With dropped weights P' = P ⊙ m, dV = P'ᵀ dO and the gradient
     * reaching P is dP' ⊙ m, so P ⊙ dP = P' ⊙ dP': the same lines with P' in place of P except the
     * final P ⊙ Δ.
     */
    void backward(float[] x, int batch, int time, State s, float[] dOut, float[] dx, Scratch scratch) {
        int c = channels;
        proj.backward(s.merged, c, dOut, c, batch * time, s.dMerged, c, scratch.weightT);     // dW_O, db_O; dA [B·T, C]
        Kernels.parallelRanges(batch * nHead, (worker, from, to) -> {
            for (int pair = from; pair < to; pair++) {
                backwardHead(pair / nHead, pair % nHead, time, s, scratch.keysT[worker], scratch.square[worker]);
            }
        });
        qkv.backward(x, c, s.dQkv, 3 * c, batch * time, dx, c, scratch.weightT);             // dW_qkv, db_qkv; dx
    }

    private void backwardHead(int b, int h, int t, State s, float[] valuesT, float[] dS) {
        int c = channels;
        int row0 = b * t;
        int q = row0 * 3 * c + h * headSize;            // Q_h [T, hs], ld 3C (K_h at +C, V_h at +2C)
        int k = q + c;
        int v = q + 2 * c;
        int dO = row0 * c + h * headSize;               // dO_h [T, hs], ld C
        int p = (b * nHead + h) * t * s.ldp;            // P_h [T, T]
        float[] weights = s.dropping ? s.dropped : s.probs; // P' (what multiplied V), or P
        Kernels.gemmSerial(true, t, headSize, t, weights, p, s.ldp, s.dMerged, dO, c, s.dQkv, v, 3 * c, false); // dV = P'ᵀ dO
        Kernels.transpose(s.qkvOut, v, 3 * c, t, headSize, valuesT, 0);                                       // V_hᵀ [hs, T]
        Kernels.gemmSerial(false, t, t, headSize, s.dMerged, dO, c, valuesT, 0, t, dS, 0, t, false);           // dP = dO Vᵀ [T, T]
        for (int i = 0; i < t; i++) {
            int visible = i + 1;
            int row = p + i * s.ldp;
            float delta = Kernels.dot(weights, row, dS, i * t, visible);                                    // Δ_i = Σ_j P'_ij dP'_ij
            for (int j = 0; j < visible; j++) {
                dS[i * t + j] = (weights[row + j] * dS[i * t + j] - s.probs[row + j] * delta) * scale;      // dS / √hs
            }
            java.util.Arrays.fill(dS, i * t + visible, (i + 1) * t, 0f);                                      // masked: 0
        }
        Kernels.gemmSerial(false, t, headSize, t, dS, 0, t, s.qkvOut, k, 3 * c, s.dQkv, q, 3 * c, false);     // dQ = dS K / √hs
        Kernels.gemmSerial(true, t, headSize, t, dS, 0, t, s.qkvOut, q, 3 * c, s.dQkv, k, 3 * c, false);      // dK = dSᵀ Q / √hs
    }
}
