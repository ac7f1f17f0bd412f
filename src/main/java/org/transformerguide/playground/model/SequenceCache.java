package org.transformerguide.playground.model;

/**
 * One sequence's state for reading it a few tokens at a time ({@link Gpt#extend}, {@link Gpt#step}): the
 * keys and values of every layer, and work buffers for up to {@code chunk} new tokens per pass. Owned by
 * one caller at a time; the model it belongs to is only read.
 */
public final class SequenceCache {

    final Gpt model;
    final float[][] keys;     // per layer Kᵀ [C, T_max]
    final float[][] values;   // per layer [T_max, C]
    final CausalSelfAttention.KeyValues[][] kv; // per layer: this sequence's cache, as a batch of one
    final int chunk;
    final Block.State work;   // one block's buffers, reused layer after layer
    final float[] x;          // the new tokens' stream [chunk, C]
    final float[] h;          // LN_f of the last new token [C]
    final float[] stats = new float[2];
    final float[] logits;     // the last new token's logits [V]
    final Scratch scratch;
    int length;               // tokens read so far

    SequenceCache(Gpt model, int chunk) {
        GptConfig config = model.config();
        int c = config.nEmbd();
        int capacity = config.blockSize();
        int layers = config.nLayer();
        this.model = model;
        keys = new float[layers][c * capacity];
        values = new float[layers][capacity * c];
        kv = new CausalSelfAttention.KeyValues[layers][];
        for (int l = 0; l < layers; l++) {
            kv[l] = new CausalSelfAttention.KeyValues[] {new CausalSelfAttention.KeyValues(keys[l], 0, capacity, true, values[l], 0, c)};
        }
        this.chunk = chunk;
        work = new Block.State(config, 1, chunk, capacity, false);
        x = new float[chunk * c];
        h = new float[c];
        logits = new float[config.vocabSize()];
        scratch = new Scratch(config, org.transformerguide.playground.kernels.Kernels.threads(), false);
    }

    /** Tokens read so far: the position the next token gets. */
    public int length() {
        return length;
    }

    /** Forgets every token read (the buffers stay). */
    public void clear() {
        length = 0;
    }
}
