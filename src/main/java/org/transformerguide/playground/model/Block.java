package org.transformerguide.playground.model;

import org.transformerguide.playground.kernels.PackedMatrix;

/**
 * One pre-LN transformer block, transformers_math.md §6: Y = X + attention(LN_1(X)),
 * Z = Y + MLP(LN_2(Y)). The residual stream is updated in place; the backward pass walks the same lines
 * in reverse on a single residual gradient buffer that each branch adds into.
 */
final class Block {

    final LayerNorm ln1;
    final CausalSelfAttention attn;
    final LayerNorm ln2;
    final Mlp mlp;

    Block(ParameterSet parameters, String name, GptConfig config) {
        ln1 = new LayerNorm(parameters, name + ".ln1", config.nEmbd());
        attn = new CausalSelfAttention(parameters, name + ".attn", config.nEmbd(), config.nHead());
        ln2 = new LayerNorm(parameters, name + ".ln2", config.nEmbd());
        mlp = new Mlp(parameters, name + ".mlp", config.nEmbd());
    }

    /** This block's four weight matrices in panels, for the batched step ({@link StepBatch}). */
    record Packed(PackedMatrix qkv, PackedMatrix attnProj, PackedMatrix fc, PackedMatrix mlpProj) {
    }

    Packed pack() {
        return new Packed(attn.qkv.pack(), attn.proj.pack(), mlp.fc.pack(), mlp.proj.pack());
    }

    /** One block's activations for `batch` sequences of `rows` new tokens. */
    static final class State {
        final float[] in;        // X, the stream entering the block [B·n, C] (kept for LN_1's backward)
        final float[] mid;       // Y, the stream after attention [B·n, C]
        final float[] out;       // Z, the stream after the MLP [B·n, C]
        final float[] ln1Out;    // U = LN_1(X) [B·n, C]
        final float[] ln2Out;    // U_2 = LN_2(Y) [B·n, C]
        final float[] ln1Stats;  // μ, 1/s per row [B·n, 2]
        final float[] ln2Stats;
        final CausalSelfAttention.State attn;
        final Mlp.State mlp;
        final float[] dLn;       // gradient at a LayerNorm's output [B·n, C] (training)
        // dropout on the two branch outputs (training with p > 0)
        final float[] branch;    // a branch's output before it is dropped and added [B·n, C]
        final float[] attnMask;  // mask on the attention branch [B·n, C]
        final float[] mlpMask;   // mask on the MLP branch [B·n, C]
        final float[] dBranch;   // dL/d(branch output) = dL/d(stream) ⊙ mask [B·n, C]
        boolean dropping;        // whether the latest pass dropped

        State(GptConfig config, int batch, int rows, int ldp, boolean training) {
            int n = batch * rows;
            int c = config.nEmbd();
            in = new float[n * c];
            mid = new float[n * c];
            out = new float[n * c];
            ln1Out = new float[n * c];
            ln2Out = new float[n * c];
            ln1Stats = new float[2 * n];
            ln2Stats = new float[2 * n];
            boolean dropout = training && config.dropout() > 0;
            attn = new CausalSelfAttention.State(batch, rows, ldp, c, config.nHead(), training, dropout);
            mlp = new Mlp.State(n, 4 * c, training);
            dLn = training ? new float[n * c] : null;
            branch = dropout ? new float[n * c] : null;
            attnMask = dropout ? new float[n * c] : null;
            mlpMask = dropout ? new float[n * c] : null;
            dBranch = dropout ? new float[n * c] : null;
        }

        /** The next passes read the block's weights from {@code weights} (one block's {@link #pack()}). */
        void use(Packed weights) {
            attn.qkvW = weights.qkv();
            attn.projW = weights.attnProj();
            mlp.fcW = weights.fc();
            mlp.projW = weights.mlpProj();
        }
    }

    /**
     * Z for X = {@code x} [B·n, C]: B sequences of n new tokens, sequence b's from position p0[b],
     * attending through {@code kv[b]}; returns {@code s.out}. With {@code dropout} (training) both branch outputs and the
     * attention weights are dropped, with masks drawn from {@code seed}.
     */
    float[] forward(float[] x, int batch, int n, int[] p0, State s, CausalSelfAttention.KeyValues[] kv, boolean append,
                    Scratch scratch, Dropout dropout, long seed) {
        int rows = batch * n;
        int size = rows * ln1.channels;
        s.dropping = dropout != null;
        System.arraycopy(x, 0, s.in, 0, size);
        ln1.forward(x, 0, rows, s.ln1Out, 0, s.ln1Stats);                                  // U = LN_1(X)
        System.arraycopy(x, 0, s.mid, 0, size);                                            // Y = X ...
        if (s.dropping) {
            s.attn.dropSeed = Dropout.mix(seed, 1);
            attn.forward(s.ln1Out, batch, n, p0, s.attn, kv, append, s.branch, false, scratch, dropout);
            dropout.fill(Dropout.mix(seed, 2), s.attnMask, 0, size);
            addDropped(s.branch, s.attnMask, s.mid, size);                                 //   + dropout(attention(U))
        } else {
            attn.forward(s.ln1Out, batch, n, p0, s.attn, kv, append, s.mid, true, scratch, null); // + attention(U)
        }
        ln2.forward(s.mid, 0, rows, s.ln2Out, 0, s.ln2Stats);                              // U_2 = LN_2(Y)
        System.arraycopy(s.mid, 0, s.out, 0, size);                                        // Z = Y ...
        if (s.dropping) {
            mlp.forward(s.ln2Out, rows, s.mlp, s.branch, false);
            dropout.fill(Dropout.mix(seed, 3), s.mlpMask, 0, size);
            addDropped(s.branch, s.mlpMask, s.out, size);                                  //   + dropout(MLP(U_2))
        } else {
            mlp.forward(s.ln2Out, rows, s.mlp, s.out, true);                               //   + MLP(U_2)
        }
        return s.out;
    }

    private static void addDropped(float[] branch, float[] mask, float[] stream, int size) {
        for (int i = 0; i < size; i++) {
            stream[i] += branch[i] * mask[i];
        }
    }

    /** dBranch = dStream ⊙ mask when the pass dropped, else dStream itself. */
    private static float[] throughDropout(State s, float[] dStream, float[] mask, int size) {
        if (!s.dropping) {
            return dStream;
        }
        for (int i = 0; i < size; i++) {
            s.dBranch[i] = dStream[i] * mask[i];
        }
        return s.dBranch;
    }

    /** Training: turns dZ into dX in place in {@code dResidual} [B·T, C], writing this block's parameter gradients. */
    void backward(State s, int batch, int time, float[] dResidual, Scratch scratch) {
        int rows = batch * time;
        int size = rows * ln1.channels;
        float[] dMlp = throughDropout(s, dResidual, s.mlpMask, size);
        mlp.backward(s.ln2Out, s.mlp, rows, dMlp, s.dLn, scratch);                 // dU_2 [B·T, C]
        ln2.backward(s.dLn, s.mid, s.ln2Stats, rows, dResidual, scratch);                   // dY = dZ + LN_2 back(dU_2)
        float[] dAttn = throughDropout(s, dResidual, s.attnMask, size);
        attn.backward(s.ln1Out, batch, time, s.attn, dAttn, s.dLn, scratch);       // dU [B·T, C]
        ln1.backward(s.dLn, s.in, s.ln1Stats, rows, dResidual, scratch);                    // dX = dY + LN_1 back(dU)
    }
}
