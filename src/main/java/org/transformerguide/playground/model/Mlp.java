package org.transformerguide.playground.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The feed-forward branch of a block: GELU(x W_1 + b_1) W_2 + b_2, widening C to 4C and back; in
 * training, dropout on the branch's output before it joins the stream (nanoGPT's placement).
 */
final class Mlp {

    final Linear fc;   // W_1 [C, 4C]
    final Linear proj; // W_2 [4C, C]
    private final int hidden;
    private final Dropout dropout;

    Mlp(ParameterSet parameters, String name, int channels, Dropout dropout) {
        this.dropout = dropout;
        hidden = 4 * channels;
        fc = new Linear(parameters, name + ".fc", channels, hidden);
        proj = new Linear(parameters, name + ".proj", hidden, channels);
    }

    final class State {
        final INDArray pre;     // F = x W_1 + b_1 [N, 4C]
        final INDArray act;     // G = GELU(F) [N, 4C]
        final INDArray dAct;    // dG, then dF in place [N, 4C] (backward)
        final NativeRows preRows, actRows, dActRows;
        final double[] cdf;     // Φ(F) [N·4C]
        final double[] row;     // one row [4C]
        final double[] row2;    // one row [4C]
        final boolean exact;    // DOUBLE model: exact erf and exp in the GELU
        final Dropout.Site outputDrop = dropout.new Site(); // on G W_2 + b_2 [N, C]

        State(int rows) {
            DataType type = fc.weight.value().dataType();
            pre = Nd4j.create(type, rows, hidden);
            act = Nd4j.create(type, rows, hidden);
            dAct = Nd4j.create(type, rows, hidden);
            preRows = new NativeRows(pre);
            actRows = new NativeRows(act);
            dActRows = new NativeRows(dAct);
            cdf = new double[rows * hidden];
            row = new double[hidden];
            row2 = new double[hidden];
            exact = type == DataType.DOUBLE;
        }
    }

    State newState(int rows) {
        return new State(rows);
    }

    /** residual += GELU(x W_1 + b_1) W_2 + b_2, for x [N, C] (the LayerNorm's output). */
    void forwardAdd(INDArray x, State s, INDArray residual) {
        fc.forward(x, s.pre);                                           // F [N, 4C]
        for (int i = 0; i < s.preRows.rows; i++) {
            s.preRows.read(i, s.row);
            Gelu.forward(s.row, hidden, s.cdf, i * hidden, s.exact);    // G = GELU(F), row i [4C]
            s.actRows.write(i, s.row);
        }
        if (s.outputDrop.dropping()) {
            INDArray branch = s.outputDrop.scratch(residual);
            proj.forward(s.act, branch);                                // G W_2 + b_2 [N, C]
            residual.addi(s.outputDrop.forward(branch));                // Z = Y + dropout(G W_2 + b_2)
        } else {
            proj.forwardAdd(s.act, residual);                           // Z = Y + G W_2 + b_2 [N, C]
        }
    }

    /** Given dZ = {@code dResidual} [N, C]: parameter gradients, and dL/dx into {@code dx} [N, C]. */
    void backward(INDArray x, State s, INDArray dResidual, INDArray dx) {
        proj.backward(s.act, s.outputDrop.backward(dResidual), s.dAct); // dW_2, db_2; dG = dZ W_2ᵀ [N, 4C]
        for (int i = 0; i < s.dActRows.rows; i++) {
            s.preRows.read(i, s.row);                                   // F, row i
            s.dActRows.read(i, s.row2);                                 // dG, row i
            Gelu.backward(s.row, s.row2, hidden, s.cdf, i * hidden, s.exact); // dF = dG ⊙ GELU'(F)
            s.dActRows.write(i, s.row2);
        }
        fc.backward(x, s.dAct, dx);                                     // dW_1, db_1; dx = dF W_1ᵀ [N, C]
    }
}
