package org.transformerguide.playground.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learned token and position embeddings: x[b, t] = wte[token[b, t]] + wpe[t]. The token table is also
 * the output head (weight tying), so its gradient gets two contributions; the head's is written first.
 * The lookup and its gradient (a scatter-add of rows) are plain loops over rows ({@link NativeRows}).
 */
final class Embedding {

    final Parameter tokens;    // wte [V, C]
    final Parameter positions; // wpe [T_max, C]
    private final int channels;

    Embedding(ParameterSet parameters, GptConfig config) {
        channels = config.nEmbd();
        tokens = parameters.allocate("wte", true, config.vocabSize(), config.nEmbd());
        positions = parameters.allocate("wpe", true, config.blockSize(), config.nEmbd());
    }

    final class State {
        final int time;
        final INDArray out;       // x [B·T, C]
        final NativeRows outRows;
        int[] ids;                // the tokens of the latest forward pass [B·T]
        final double[] table;     // wte or dwte [V·C], then wpe or dwpe [T_max·C]
        final double[] positionTable; // [T_max·C]
        final double[] row;       // one row [C]

        State(int batch, int time) {
            this.time = time;
            out = Nd4j.create(tokens.value().dataType(), (long) batch * time, channels);
            outRows = new NativeRows(out);
            table = new double[(int) tokens.size()];
            positionTable = new double[(int) positions.size()];
            row = new double[channels];
        }
    }

    State newState(int batch, int time) {
        return new State(batch, time);
    }

    /** x for {@code ids} (B·T token ids, row-major over [B, T]); returns {@code s.out} [B·T, C]. */
    INDArray forward(int[] ids, State s) {
        s.ids = ids;
        new NativeRows(tokens.value()).readAll(s.table);
        new NativeRows(positions.value()).readAll(s.positionTable);
        for (int i = 0; i < ids.length; i++) {
            int token = ids[i] * channels;
            int position = (i % s.time) * channels;
            for (int c = 0; c < channels; c++) {
                s.row[c] = s.table[token + c] + s.positionTable[position + c]; // wte[token] + wpe[t]
            }
            s.outRows.write(i, s.row);
        }
        return s.out;
    }

    /**
     * From dL/dx [B·T, C]: ADDS the lookup's share to dwte (the head has written its share), writes dwpe.
     * The gradient of a row lookup is a scatter-add: row i of dx goes to the row of wte it was read
     * from, and to row t of wpe.
     */
    void backward(INDArray dx, State s) {
        NativeRows dxRows = new NativeRows(dx);
        NativeRows tokenGradient = new NativeRows(tokens.gradient());
        tokenGradient.readAll(s.table);                                 // dwte from the head
        Arrays.fill(s.positionTable, 0);                                // rows T..T_max get nothing
        for (int i = 0; i < s.ids.length; i++) {
            dxRows.read(i, s.row);
            int token = s.ids[i] * channels;
            int position = (i % s.time) * channels;
            for (int c = 0; c < channels; c++) {
                s.table[token + c] += s.row[c];                         // dwte[token] += dx[i]
                s.positionTable[position + c] += s.row[c];              // dwpe[t] += dx[i]
            }
        }
        tokenGradient.writeAll(s.table);
        new NativeRows(positions.gradient()).writeAll(s.positionTable);
    }
}
