package org.transformerguide.playground.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A decoder-only transformer (GPT), forward and backward written out by hand on ND4J arrays, in the
 * manner of llm.c: every activation and gradient lives in a buffer allocated once per batch shape, and
 * the backward pass is the chain of local rules derived in transformers_math.md §2, §4 and §6, one
 * method per concept (embeddings, LayerNorm, attention, MLP, block, head, loss) like nanoGPT's model.py.
 *
 * <pre>
 * tokens [B, T] → x = wte[tokens] + wpe[0..T)      [B·T, C]
 *               → nLayer pre-LN blocks              [B·T, C]
 *               → LN_f → logits = h wteᵀ            [B·T, V]   (head tied to the token embedding)
 *               → cross-entropy against targets     scalar
 * </pre>
 *
 * Use: {@link #forward} (logits, attention probabilities), then {@link #backward} with the targets
 * (loss and every gradient, in {@link #parameters()}), then an optimizer step on
 * {@link #parameterSet()}. Dropout (the configuration's p) acts only in training mode, {@link #train};
 * a new model is in inference mode. An instance is not thread-safe; {@code backward} always belongs to
 * the latest {@code forward}.
 */
public final class Gpt {

    private final GptConfig config;
    private final ParameterSet parameters;
    private final Embedding embedding;
    private final Block[] blocks;
    private final LayerNorm finalNorm;
    private final CrossEntropy crossEntropy = new CrossEntropy();
    private final Dropout dropout;

    /** Activation buffers by batch shape (B, T); training uses one shape, inference a few. */
    private final Map<Long, State> states = new HashMap<>();
    private State last;

    /** A model of the given size with nanoGPT's initialization from {@code seed}, computing in {@code dataType}. */
    public Gpt(GptConfig config, DataType dataType, long seed) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("FLOAT or DOUBLE, not " + dataType);
        }
        this.config = config;
        this.parameters = new ParameterSet(config.parameterCount(), dataType);
        dropout = new Dropout(config.dropout(), ~seed); // its own stream: the same weights whatever p is
        embedding = new Embedding(parameters, config);
        blocks = new Block[config.nLayer()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = new Block(parameters, "h" + l, config, dropout);
        }
        finalNorm = new LayerNorm(parameters, "lnf", config.nEmbd());
        parameters.requireFullyAllocated();
        initialize(new Random(seed));
    }

    /**
     * nanoGPT's initialization: weights and embeddings N(0, 0.02²), the two projections that write into
     * the residual stream N(0, (0.02/√(2·nLayer))²) so the stream's variance does not grow with depth,
     * biases 0, LayerNorm gains 1.
     */
    private void initialize(Random random) {
        double residualStd = 0.02 / Math.sqrt(2.0 * config.nLayer());
        for (Parameter p : parameters.list()) {
            if (p.name().endsWith(".gain")) {
                p.value().assign(1.0);
            } else if (p.name().endsWith(".bias")) {
                p.value().assign(0.0);
            } else {
                double std = p.name().endsWith("attn.proj.weight") || p.name().endsWith("mlp.proj.weight") ? residualStd : 0.02;
                double[] values = new double[(int) p.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = std * random.nextGaussian();
                }
                p.value().assign(Nd4j.create(values, p.shape(), 'c'));
            }
        }
    }

    /** Every buffer a forward and backward pass of B sequences of T tokens needs. */
    private final class State {
        final int batch;
        final int time;
        final Embedding.State embedding;
        final Block.State[] blocks;
        final LayerNorm.State finalNorm;
        final INDArray logits;           // [B·T, V]
        final INDArray logitsBySequence; // the same as [B, T, V]
        final CrossEntropy.State loss;
        final INDArray dFinalNorm;       // dL/d(LN_f output) [B·T, C]
        final INDArray dResidual;        // dL/d(residual stream), flowing down through the blocks [B·T, C]
        int[] ids;                       // the tokens of the latest forward pass, row-major [B·T]
        final Dropout.Site embeddingDrop = dropout.new Site(); // on wte[tokens] + wpe [B·T, C]

        State(int batch, int time) {
            this.batch = batch;
            this.time = time;
            int rows = batch * time;
            DataType type = parameters.dataType();
            embedding = Gpt.this.embedding.newState(batch, time);
            blocks = new Block.State[Gpt.this.blocks.length];
            for (int l = 0; l < blocks.length; l++) {
                blocks[l] = Gpt.this.blocks[l].newState(batch, time);
            }
            finalNorm = Gpt.this.finalNorm.newState(rows);
            logits = Nd4j.create(type, rows, config.vocabSize());
            logitsBySequence = logits.reshape(batch, time, config.vocabSize());
            loss = crossEntropy.newState(rows, config.vocabSize(), type);
            dFinalNorm = Nd4j.create(type, rows, config.nEmbd());
            dResidual = Nd4j.create(type, rows, config.nEmbd());
        }
    }

    /**
     * Runs the model on {@code tokens} [B][T] (T ≤ blockSize, ids in [0, vocabSize)) and returns the
     * logits [B, T, V]: row (b, t) scores the token after tokens[b][0..t]. The array is the model's own
     * buffer, overwritten by the next forward pass of the same shape; copy what you keep.
     */
    public INDArray forward(int[][] tokens) {
        State s = stateFor(tokens);
        s.ids = flatten(tokens, s.time);
        INDArray x = s.embeddingDrop.forward(embedding.forward(s.ids, s.embedding)); // dropout(wte + wpe) [B·T, C]
        for (int l = 0; l < blocks.length; l++) {
            x = blocks[l].forward(x, s.blocks[l]);                               // [B·T, C]
        }
        INDArray h = finalNorm.forward(x, s.finalNorm);                          // [B·T, C]
        Nd4j.gemm(h, embedding.tokens.value(), s.logits, false, true, 1.0, 0.0); // h wteᵀ [B·T, V]
        last = s;
        return s.logitsBySequence;
    }

    /** Mean cross-entropy of the latest forward pass against {@code targets} [B][T], without gradients. */
    public double loss(int[][] targets) {
        State s = requireLast(targets);
        return crossEntropy.loss(s.logits, flatten(targets, s.time), s.loss);
    }

    /**
     * Mean cross-entropy of the latest forward pass against {@code targets} [B][T], and the gradient of
     * every parameter (overwritten, not accumulated) in {@link #parameters()}.
     */
    public double backward(int[][] targets) {
        State s = requireLast(targets);
        int[] flatTargets = flatten(targets, s.time);
        double loss = crossEntropy.loss(s.logits, flatTargets, s.loss);
        INDArray dLogits = crossEntropy.backward(flatTargets, s.loss);               // (P − Y)/N [B·T, V]

        // Head, logits = h wteᵀ: dh = dLogits wte, dwte = dLogitsᵀ h (written here, added to by the embedding).
        Parameter wte = embedding.tokens;
        Nd4j.gemm(dLogits, s.finalNorm.out, wte.gradient(), true, false, 1.0, 0.0); // [V, B·T] x [B·T, C] -> [V, C]
        Nd4j.gemm(dLogits, wte.value(), s.dFinalNorm, false, false, 1.0, 0.0);      // [B·T, V] x [V, C] -> [B·T, C]

        s.dResidual.assign(0);                                                        // [B·T, C]
        finalNorm.backward(s.dFinalNorm, s.finalNorm, s.dResidual);                   // dL/d(top of the stream)
        for (int l = blocks.length - 1; l >= 0; l--) {
            blocks[l].backward(s.blocks[l], s.dResidual);                             // down one block
        }
        s.embeddingDrop.backwardInPlace(s.dResidual);                                 // through the embedding dropout
        embedding.backward(s.dResidual, s.embedding);                                 // dwte +=, dwpe
        return loss;
    }

    /** Attention probabilities of block {@code layer} in the latest forward pass, [B, H, T, T]; rows sum to 1. */
    public INDArray attention(int layer) {
        if (last == null) {
            throw new IllegalStateException("No forward pass yet");
        }
        return last.blocks[layer].attn.probabilities();
    }

    /**
     * The logit lens on the latest forward pass (transformers.md §19): the final LayerNorm and the tied head
     * applied to sequence 0's residual stream at {@code position} after the embedding (stage 0) and after each
     * block (stage l), [nLayer + 1][V]. The last stage is the model's own logits at that position.
     */
    public float[][] logitLens(int position) {
        if (last == null) {
            throw new IllegalStateException("No forward pass yet");
        }
        if (position < 0 || position >= last.time) {
            throw new IllegalArgumentException("Position " + position + " is outside [0, " + last.time + ")");
        }
        LayerNorm.State norm = finalNorm.newState(1);
        INDArray headT = embedding.tokens.value().transpose();                    // wteᵀ [C, V]
        float[][] lens = new float[blocks.length + 1][];
        for (int stage = 0; stage <= blocks.length; stage++) {
            INDArray stream = stage == 0 ? last.embedding.out : last.blocks[stage - 1].out; // [B·T, C]
            INDArray h = finalNorm.forward(stream.getRow(position, true).dup(), norm);      // LN_f(x) [1, C]
            lens[stage] = h.mmul(headT).toFloatVector();                                   // [V]
        }
        return lens;
    }

    /**
     * Training mode on (dropout acts, a fresh mask every forward pass) or off (inference: dropout is the
     * identity). Training loops switch it on for their steps and off for evaluation and serving.
     */
    public void train(boolean on) {
        dropout.train(on);
    }

    public boolean training() {
        return dropout.training();
    }

    /** Restarts the dropout masks' random source, e.g. to draw the same masks for several passes (a gradient check). */
    public void seedDropout(long seed) {
        dropout.reseed(seed);
    }

    public List<Parameter> parameters() {
        return parameters.list();
    }

    public ParameterSet parameterSet() {
        return parameters;
    }

    public GptConfig config() {
        return config;
    }

    public DataType dataType() {
        return parameters.dataType();
    }

    /** Drops the activation buffers of every batch shape (they are rebuilt on demand). */
    public void releaseBuffers() {
        states.clear();
        last = null;
    }

    private State stateFor(int[][] tokens) {
        int batch = tokens.length;
        int time = batch == 0 ? 0 : tokens[0].length;
        if (batch < 1 || time < 1 || time > config.blockSize()) {
            throw new IllegalArgumentException("Tokens must be [B][T] with B ≥ 1 and 1 ≤ T ≤ " + config.blockSize()
                    + ", not [" + batch + "][" + time + "]");
        }
        return states.computeIfAbsent(((long) batch << 32) | time, key -> new State(batch, time));
    }

    private State requireLast(int[][] targets) {
        if (last == null) {
            throw new IllegalStateException("Call forward before loss or backward");
        }
        if (targets.length != last.batch) {
            throw new IllegalArgumentException("Targets have " + targets.length + " rows, the forward pass had " + last.batch);
        }
        return last;
    }

    /** [B][T] ids to one row-major array, checking the shape and that every id is in the vocabulary. */
    private int[] flatten(int[][] rows, int time) {
        int[] flat = new int[rows.length * time];
        for (int b = 0; b < rows.length; b++) {
            if (rows[b].length != time) {
                throw new IllegalArgumentException("Row " + b + " has " + rows[b].length + " tokens, expected " + time);
            }
            for (int t = 0; t < time; t++) {
                int id = rows[b][t];
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("Token id " + id + " is outside [0, " + config.vocabSize() + ")");
                }
                flat[b * time + t] = id;
            }
        }
        return flat;
    }
}
