package org.transformerguide.playground.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The feed-forward branch of a block: GELU(x W_1 + b_1) W_2 + b_2, widening C to 4C and back. */
final class Mlp {

    final Linear fc;   // W_1 [C, 4C]
    final Linear proj; // W_2 [4C, C]

    Mlp(ParameterSet parameters, String name, int channels) {
        fc = new Linear(parameters, name + ".fc", channels, 4 * channels);
        proj = new Linear(parameters, name + ".proj", 4 * channels, channels);
    }

    final class State {
        final INDArray pre;     // F = x W_1 + b_1 [N, 4C]
        final INDArray cdf;     // Φ(F) [N, 4C]
        final INDArray act;     // G = GELU(F) [N, 4C]
        final INDArray dAct;    // dG, then dF in place [N, 4C] (backward)
        final INDArray scratch; // [N, 4C] (backward)

        State(int rows) {
            long hidden = fc.bias.size();
            var type = fc.weight.value().dataType();
            pre = Nd4j.create(type, rows, hidden);
            cdf = Nd4j.create(type, rows, hidden);
            act = Nd4j.create(type, rows, hidden);
            dAct = Nd4j.create(type, rows, hidden);
            scratch = Nd4j.create(type, rows, hidden);
        }
    }

    State newState(int rows) {
        return new State(rows);
    }

    /** residual += GELU(x W_1 + b_1) W_2 + b_2, for x [N, C] (the LayerNorm's output). */
    void forwardAdd(INDArray x, State s, INDArray residual) {
        fc.forward(x, s.pre);                    // F [N, 4C]
        Gelu.forward(s.pre, s.cdf, s.act);       // G [N, 4C]
        proj.forwardAdd(s.act, residual);        // Z = Y + G W_2 + b_2 [N, C]
    }

    /** Given dZ = {@code dResidual} [N, C]: parameter gradients, and dL/dx into {@code dx} [N, C]. */
    void backward(INDArray x, State s, INDArray dResidual, INDArray dx) {
        proj.backward(s.act, dResidual, s.dAct);                  // dW_2, db_2; dG = dZ W_2ᵀ [N, 4C]
        Gelu.backwardInPlace(s.pre, s.cdf, s.dAct, s.scratch);   // dF = dG ⊙ GELU'(F) [N, 4C]
        fc.backward(x, s.dAct, dx);                               // dW_1, db_1; dx = dF W_1ᵀ [N, C]
    }
}
