package org.transformerguide.playground.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.transformerguide.playground.kernels.Kernels;

/**
 * A decoder-only transformer (GPT), forward and backward written out by hand on {@code float[]} arrays in
 * the manner of llm.c, with one set of kernels ({@link Kernels}) under every path. The backward pass is
 * the chain of local rules derived in transformers_math.md §2, §4 and §6, one class per concept
 * (embeddings, LayerNorm, attention, MLP, block, loss) like nanoGPT's model.py.
 *
 * <pre>
 * tokens [B, T] → x = wte[tokens] + wpe[0..T)      [B·T, C]
 *               → nLayer pre-LN blocks              [B·T, C]
 *               → LN_f → logits = h wteᵀ            [B·T, V]   (head tied to the token embedding)
 *               → cross-entropy against targets     scalar
 * </pre>
 *
 * <p>The model object holds only the weights ({@link #parameterSet()}); everything a pass computes lives
 * in a state object the caller owns: {@link Activations} for a full pass (training, attention maps) and
 * {@link SequenceCache} for a sequence read token by token with cached keys and values. So one served model
 * answers many requests at once, each with its own state, without a lock and without copying weights.
 * The convenience methods without a state argument ({@link #forward(int[][])} and friends) keep one
 * per-shape state inside and are for the single thread that trains the model.
 */
public final class Gpt {

    final GptConfig config;
    final ParameterSet parameters;
    final Embedding embedding;
    final Block[] blocks;
    final LayerNorm finalNorm;
    private final Dropout dropout;
    private volatile boolean training;  // dropout acts only in training mode
    private long dropoutSeed;           // masks of pass k come from mix(dropoutSeed, k)
    private long passes;

    /** The training thread's states by batch shape (B, T). */
    private final Map<Long, Activations> own = new HashMap<>();
    private Activations last;

    /** A model of the given size with nanoGPT's initialization from {@code seed}. */
    public Gpt(GptConfig config, long seed) {
        this.config = config;
        this.dropout = new Dropout(config.dropout());
        this.dropoutSeed = ~seed;           // its own stream: the same weights whatever p is
        this.parameters = new ParameterSet(config.parameterCount());
        embedding = new Embedding(parameters, config);
        blocks = new Block[config.nLayer()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = new Block(parameters, "h" + l, config);
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
        float[] values = parameters.values();
        for (Parameter p : parameters.list()) {
            int from = p.offset();
            int to = from + p.size();
            if (p.name().endsWith(".gain")) {
                java.util.Arrays.fill(values, from, to, 1f);
            } else if (p.name().endsWith(".bias")) {
                java.util.Arrays.fill(values, from, to, 0f);
            } else {
                double std = p.name().endsWith("attn.proj.weight") || p.name().endsWith("mlp.proj.weight") ? residualStd : 0.02;
                for (int i = from; i < to; i++) {
                    values[i] = (float) (std * random.nextGaussian());
                }
            }
        }
    }

    /** Every buffer a full pass over B sequences of T tokens needs, and its backward pass when {@code training}. */
    public final class Activations {
        final int batch;
        final int time;
        final boolean training;
        final float[] x;          // the stream after the embedding [B·T, C]
        final Block.State[] blocks;
        final float[] normOut;    // h = LN_f(stream) [B·T, C]
        final float[] normStats;
        float[] headT;            // wteᵀ [C, V], made by the first pass through the head
        float[] logits;           // [B·T, V], likewise (the attention maps and the logit lens never need them)
        final float[] probs;      // softmax, then dL/dlogits [B·T, V] (training)
        final float[] dNorm;      // dL/dh [B·T, C] (training)
        final float[] dResidual;  // dL/d(stream), flowing down through the blocks [B·T, C] (training)
        final float[] embeddingMask; // dropout mask on the embedding output [B·T, C] (training with p > 0)
        boolean dropped;          // whether the latest forward pass dropped
        final Scratch scratch;
        final int[] starts;       // every sequence starts at position 0 [B]
        final CausalSelfAttention.KeyValues[][] kv; // per layer and sequence: keys and values in place
        int[] ids;                // the tokens of the latest forward pass, row-major [B·T]

        Activations(int batch, int time, boolean training) {
            this.batch = batch;
            this.time = time;
            this.training = training;
            int rows = batch * time;
            int c = config.nEmbd();
            int v = config.vocabSize();
            x = new float[rows * c];
            blocks = new Block.State[Gpt.this.blocks.length];
            for (int l = 0; l < blocks.length; l++) {
                blocks[l] = new Block.State(config, batch, time, time, training);
            }
            normOut = new float[rows * c];
            normStats = new float[2 * rows];
            probs = training ? new float[rows * v] : null;
            dNorm = training ? new float[rows * c] : null;
            dResidual = training ? new float[rows * c] : null;
            embeddingMask = training && config.dropout() > 0 ? new float[rows * c] : null;
            scratch = new Scratch(config, Kernels.threads(), training);
            starts = new int[batch];
            kv = new CausalSelfAttention.KeyValues[blocks.length][batch];
            for (int l = 0; l < blocks.length; l++) {
                for (int b = 0; b < batch; b++) {
                    kv[l][b] = Gpt.this.blocks[l].attn.inPlace(blocks[l].attn, b, time);
                }
            }
        }

        /** Attention probabilities of block {@code layer}, flat [B, H, T, T] (row t of head h: what token t attended to). */
        public float[] attention(int layer) {
            return blocks[layer].attn.probs;
        }

        public int batch() {
            return batch;
        }

        public int time() {
            return time;
        }
    }

    /** A state for full passes over B sequences of T tokens; with {@code training}, also for backward passes. */
    public Activations newActivations(int batch, int time, boolean training) {
        if (batch < 1 || time < 1 || time > config.blockSize()) {
            throw new IllegalArgumentException("Need B ≥ 1 and 1 ≤ T ≤ " + config.blockSize() + ", not " + batch + " x " + time);
        }
        return new Activations(batch, time, training);
    }

    /**
     * Runs the model on {@code tokens} [B][T] (the shape {@code a} was made for) and returns the logits
     * [B·T, V] row-major: row (b, t) scores the token after tokens[b][0..t]. The array is {@code a}'s own
     * buffer, overwritten by its next forward pass.
     */
    public float[] forward(int[][] tokens, Activations a) {
        forwardBlocks(tokens, a);
        int c = config.nEmbd();
        int v = config.vocabSize();
        int rows = a.batch * a.time;
        if (a.logits == null) {
            a.headT = new float[c * v];
            a.logits = new float[rows * v];
        }
        finalNorm.forward(a.blocks[blocks.length - 1].out, 0, rows, a.normOut, 0, a.normStats); // h [B·T, C]
        float[] w = parameters.values();
        Kernels.transpose(w, embedding.tokens.offset(), c, v, c, a.headT, 0);            // wteᵀ [C, V]
        Kernels.gemm(false, rows, v, c, a.normOut, 0, c, a.headT, 0, v, a.logits, 0, v, false); // h wteᵀ [B·T, V]
        return a.logits;
    }

    /**
     * The blocks of {@link #forward} without the output head: what the attention maps ({@link Activations#attention})
     * and the logit lens read. An attention map's request saves the head's transposed copy of wte [C, V] and
     * its [T, V] logits, which cost more than the blocks for a short prompt.
     */
    public void forwardBlocks(int[][] tokens, Activations a) {
        int c = config.nEmbd();
        int rows = a.batch * a.time;
        a.ids = flatten(tokens, a.batch, a.time);
        a.dropped = training && a.training && dropout.active();
        Dropout drop = a.dropped ? dropout : null;
        long seed = a.dropped ? Dropout.mix(dropoutSeed, passes++) : 0;
        embedding.forward(a.ids, a.time, a.starts, a.x);                                 // x [B·T, C]
        if (a.dropped) {
            dropout.fill(Dropout.mix(seed, -1), a.embeddingMask, 0, rows * c);
            Dropout.apply(a.x, 0, a.embeddingMask, 0, rows * c);                        // dropout(wte + wpe)
        }
        float[] stream = a.x;
        for (int l = 0; l < blocks.length; l++) {
            Block.State s = a.blocks[l];
            stream = blocks[l].forward(stream, a.batch, a.time, a.starts, s, a.kv[l], false, a.scratch, drop,
                    Dropout.mix(seed, l));                                                   // [B·T, C]
        }
    }

    /** Mean cross-entropy of {@code a}'s latest forward pass against {@code targets} [B][T], without gradients. */
    public double loss(int[][] targets, Activations a) {
        float[] probs = a.probs != null ? a.probs : new float[a.logits.length];
        return CrossEntropy.loss(a.logits, flatten(targets, a.batch, a.time), config.vocabSize(), probs);
    }

    /**
     * Mean cross-entropy of {@code a}'s latest forward pass against {@code targets} [B][T], and the gradient
     * of every parameter (overwritten, not accumulated) in {@link #parameterSet()}.
     */
    public double backward(int[][] targets, Activations a) {
        if (!a.training) {
            throw new IllegalStateException("These activations were made for inference only");
        }
        int c = config.nEmbd();
        int v = config.vocabSize();
        int rows = a.batch * a.time;
        int[] flatTargets = flatten(targets, a.batch, a.time);
        double loss = CrossEntropy.loss(a.logits, flatTargets, v, a.probs);
        CrossEntropy.backward(flatTargets, v, a.probs);                                   // dLogits = (P − Y)/N [B·T, V]

        // Head, logits = h wteᵀ: dwte = dLogitsᵀ h (written here, added to by the embedding), dh = dLogits wte.
        Parameter wte = embedding.tokens;
        Kernels.gemm(true, v, c, rows, a.probs, 0, v, a.normOut, 0, c, parameters.gradients(), wte.offset(), c, false); // [V, C]
        Kernels.gemm(false, rows, c, v, a.probs, 0, v, parameters.values(), wte.offset(), c, a.dNorm, 0, c, false);     // [B·T, C]

        java.util.Arrays.fill(a.dResidual, 0f);
        float[] top = blocks.length == 0 ? a.x : a.blocks[blocks.length - 1].out;
        finalNorm.backward(a.dNorm, top, a.normStats, rows, a.dResidual, a.scratch);                // dL/d(top of the stream)
        for (int l = blocks.length - 1; l >= 0; l--) {
            blocks[l].backward(a.blocks[l], a.batch, a.time, a.dResidual, a.scratch);     // down one block
        }
        if (a.dropped) {
            Dropout.apply(a.dResidual, 0, a.embeddingMask, 0, rows * c);                  // through the embedding dropout
        }
        embedding.backward(a.dResidual, a.ids, a.time);                                   // dwte +=, dwpe
        return loss;
    }

    /**
     * The logit lens on {@code a}'s latest forward pass (transformers_math.md §19): the final LayerNorm and the
     * tied head applied to sequence 0's residual stream at {@code position} after the embedding (stage 0) and
     * after each block (stage l), [nLayer + 1][V]. The last stage is the model's own logits at that position.
     */
    public float[][] logitLens(Activations a, int position) {
        if (position < 0 || position >= a.time) {
            throw new IllegalArgumentException("Position " + position + " is outside [0, " + a.time + ")");
        }
        int c = config.nEmbd();
        float[] h = new float[c];
        float[] stats = new float[2];
        float[][] lens = new float[blocks.length + 1][];
        for (int stage = 0; stage <= blocks.length; stage++) {
            float[] stream = stage == 0 ? a.x : a.blocks[stage - 1].out;                  // [B·T, C]
            finalNorm.forwardRow(stream, position * c, h, stats);                         // LN_f(x) [C]
            lens[stage] = new float[config.vocabSize()];
            CachedPasses.headRow(this, h, 0, lens[stage], 0);                             // [V]
        }
        return lens;
    }


    // ---- the cached path (SequenceCache, StepBatch; the passes are in CachedPasses) ----

    /** A cache for one sequence of up to blockSize tokens, reading up to {@code chunk} tokens per pass. */
    public SequenceCache newCache(int chunk) {
        if (chunk < 1 || chunk > config.blockSize()) {
            throw new IllegalArgumentException("Chunk must be in [1, " + config.blockSize() + "], not " + chunk);
        }
        return new SequenceCache(this, chunk);
    }

    /**
     * Reads {@code tokens} after the cache's tokens (in passes of at most the cache's chunk) and returns the
     * logits [V] of the token after the last of them: the cache's own buffer, overwritten by the next call.
     * The same block code as {@link #forward(int[][], Activations)}, with keys and values appended to the cache.
     */
    public float[] extend(SequenceCache cache, int[] tokens) {
        return CachedPasses.extend(this, cache, tokens);
    }

    /** Buffers for {@link #step} over up to {@code capacity} sequences at once. */
    public StepBatch newBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A batch holds at least one sequence");
        }
        return new StepBatch(this, capacity);
    }

    /**
     * Continuous batching's step: reads one more token for each of {@code count} sequences, each with its own
     * cache and position, in one pass. The matrix products run once over all N rows (the weights are read
     * once for N tokens, which is why N streams cost far less than N single steps); attention runs per
     * sequence on its own cache. Returns the logits [N, V], row i for caches[i]: the batch's own buffer.
     */
    public float[] step(StepBatch batch, SequenceCache[] caches, int[] tokens, int count) {
        return CachedPasses.step(this, batch, caches, tokens, count);
    }

    // ---- the training thread's convenience API ----

    /** {@link #forward(int[][], Activations)} with a state kept inside for this batch shape (training thread only). */
    public float[] forward(int[][] tokens) {
        int batch = tokens.length;
        int time = batch == 0 ? 0 : tokens[0].length;
        Activations a = own.get(((long) batch << 32) | time);
        if (a == null) {
            a = newActivations(batch, time, true);
            own.put(((long) batch << 32) | time, a);
        }
        last = a;
        return forward(tokens, a);
    }

    /** {@link #loss(int[][], Activations)} of the latest {@link #forward(int[][])}. */
    public double loss(int[][] targets) {
        return loss(targets, requireLast());
    }

    /** {@link #backward(int[][], Activations)} of the latest {@link #forward(int[][])}. */
    public double backward(int[][] targets) {
        return backward(targets, requireLast());
    }

    /** Attention probabilities of block {@code layer} in the latest {@link #forward(int[][])}, flat [B, H, T, T]. */
    public float[] attention(int layer) {
        return requireLast().attention(layer);
    }

    /**
     * Training mode on (dropout acts in passes over training activations, a fresh mask every pass) or off
     * (dropout is the identity). A new model is in inference mode; a training loop switches it on for its
     * steps and off for evaluation. The cached path never drops.
     */
    public void train(boolean on) {
        training = on;
    }

    public boolean training() {
        return training;
    }

    /** Restarts the dropout masks' sequence: the next passes draw the same masks as after any other call with {@code seed}. */
    public void seedDropout(long seed) {
        dropoutSeed = seed;
        passes = 0;
    }

    /** Drops the states kept for {@link #forward(int[][])} (they are rebuilt on demand). */
    public void releaseBuffers() {
        own.clear();
        last = null;
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

    private Activations requireLast() {
        if (last == null) {
            throw new IllegalStateException("Call forward first");
        }
        return last;
    }

    /** [B][T] ids to one row-major array, checking the shape and that every id is in the vocabulary. */
    private int[] flatten(int[][] rows, int batch, int time) {
        if (rows.length != batch) {
            throw new IllegalArgumentException("Expected " + batch + " rows, got " + rows.length);
        }
        int[] flat = new int[batch * time];
        for (int b = 0; b < batch; b++) {
            if (rows[b].length != time) {
                throw new IllegalArgumentException("Row " + b + " has " + rows[b].length + " tokens, expected " + time);
            }
            System.arraycopy(rows[b], 0, flat, b * time, time);
        }
        checkIds(flat);
        return flat;
    }

    void checkIds(int[] ids) {
        for (int id : ids) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("Token id " + id + " is outside [0, " + config.vocabSize() + ")");
            }
        }
    }
}
