package org.transformerguide.playground.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One pre-LN transformer block, transformers_math.md §6: Y = X + attention(LN_1(X)),
 * Z = Y + MLP(LN_2(Y)). The backward pass walks the same lines in reverse on a single residual
 * gradient buffer that each branch adds into.
 */
final class Block {

    final LayerNorm ln1;
    final CausalSelfAttention attn;
    final LayerNorm ln2;
    final Mlp mlp;

    Block(ParameterSet parameters, String name, GptConfig config, Dropout dropout) {
        ln1 = new LayerNorm(parameters, name + ".ln1", config.nEmbd());
        attn = new CausalSelfAttention(parameters, name + ".attn", config.nEmbd(), config.nHead(), dropout);
        ln2 = new LayerNorm(parameters, name + ".ln2", config.nEmbd());
        mlp = new Mlp(parameters, name + ".mlp", config.nEmbd(), dropout);
    }

    final class State {
        final LayerNorm.State ln1;
        final CausalSelfAttention.State attn;
        final LayerNorm.State ln2;
        final Mlp.State mlp;
        final INDArray mid;  // Y, the stream after attention [B·T, C]
        final INDArray out;  // Z, the stream after the MLP [B·T, C]
        final INDArray dLn;  // gradient at a LayerNorm's output, U or U_2 [B·T, C] (backward)

        State(int batch, int time) {
            int rows = batch * time;
            ln1 = Block.this.ln1.newState(rows);
            attn = Block.this.attn.newState(batch, time);
            ln2 = Block.this.ln2.newState(rows);
            mlp = Block.this.mlp.newState(rows);
            var type = Block.this.ln1.gain.value().dataType();
            long channels = Block.this.ln1.gain.size();
            mid = Nd4j.create(type, rows, channels);
            out = Nd4j.create(type, rows, channels);
            dLn = Nd4j.create(type, rows, channels);
        }
    }

    State newState(int batch, int time) {
        return new State(batch, time);
    }

    /** Z for X = {@code x} [B·T, C]; returns {@code s.out}. */
    INDArray forward(INDArray x, State s) {
        s.mid.assign(x);                                       // Y = X ...       [B·T, C]
        attn.forwardAdd(ln1.forward(x, s.ln1), s.attn, s.mid); //   + attention(LN_1(X))
        s.out.assign(s.mid);                                   // Z = Y ...       [B·T, C]
        mlp.forwardAdd(ln2.forward(s.mid, s.ln2), s.mlp, s.out); // + MLP(LN_2(Y))
        return s.out;
    }

    /** Turns dZ into dX in place in {@code dResidual} [B·T, C], writing this block's parameter gradients. */
    void backward(State s, INDArray dResidual) {
        mlp.backward(s.ln2.out, s.mlp, dResidual, s.dLn);  // dU_2 [B·T, C]
        ln2.backward(s.dLn, s.ln2, dResidual);             // dY = dZ + LN_2 back(dU_2)
        attn.backward(s.ln1.out, s.attn, dResidual, s.dLn); // dU [B·T, C]
        ln1.backward(s.dLn, s.ln1, dResidual);             // dX = dY + LN_1 back(dU)
    }
}
