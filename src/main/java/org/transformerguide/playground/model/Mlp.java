package org.transformerguide.playground.model;

import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.kernels.PackedMatrix;

/** The feed-forward branch of a block: GELU(x W_1 + b_1) W_2 + b_2, widening C to 4C and back. */
final class Mlp {

    final Linear fc;   // W_1 [C, 4C]
    final Linear proj; // W_2 [4C, C]
    final int hidden;

    Mlp(ParameterSet parameters, String name, int channels) {
        hidden = 4 * channels;
        fc = new Linear(parameters, name + ".fc", channels, hidden);
        proj = new Linear(parameters, name + ".proj", hidden, channels);
    }

    /** Buffers for up to {@code rows} rows. */
    static final class State {
        final float[] pre;  // F = x W_1 + b_1 [N, 4C]
        final float[] act;  // G = GELU(F) [N, 4C]
        final float[] dAct; // dG, then dF in place [N, 4C] (backward only)
        PackedMatrix fcW;   // W_1 and W_2 in panels while the batched step runs this block, else null
        PackedMatrix projW;

        State(int rows, int hidden, boolean training) {
            pre = new float[rows * hidden];
            act = new float[rows * hidden];
            dAct = training ? new float[rows * hidden] : null;
        }
    }

    /** out[rows, C] (+)= GELU(x W_1 + b_1) W_2 + b_2 for x [rows, C] (the LayerNorm's output). */
    void forward(float[] x, int rows, State s, float[] out, boolean add) {
        int c = fc.in;
        fc.forward(x, 0, c, rows, s.pre, 0, hidden, s.fcW);               // F [N, 4C]
        Kernels.parallelRows(rows, 20L * hidden, (w, from, to) ->
                Kernels.gelu(s.pre, from * hidden, s.act, from * hidden, (to - from) * hidden)); // G = GELU(F)
        if (add) {
            proj.forwardAdd(s.act, 0, hidden, rows, out, 0, c, s.projW);    // Z = Y + G W_2 + b_2
        } else {
            proj.forward(s.act, 0, hidden, rows, out, 0, c, s.projW);       // the branch alone, to be dropped
        }
    }

    /** Given dL/d(branch output) = {@code dOut} [N, C]: parameter gradients, and dL/dx into {@code dx} [N, C]. */
    void backward(float[] x, State s, int rows, float[] dOut, float[] dx, Scratch scratch) {
        int c = fc.in;
        proj.backward(s.act, hidden, dOut, c, rows, s.dAct, hidden, scratch.weightT);     // dW_2, db_2; dG [N, 4C]
        Kernels.parallelRows(rows, 30L * hidden, (w, from, to) ->
                Kernels.geluBackward(s.pre, from * hidden, s.dAct, from * hidden, (to - from) * hidden)); // dF = dG ⊙ GELU'(F)
        fc.backward(x, c, s.dAct, hidden, rows, dx, c, scratch.weightT);                    // dW_1, db_1; dx [N, C]
    }
}
