package org.transformerguide.playground.model;

import java.util.Arrays;
import org.transformerguide.playground.kernels.Kernels;

/**
 * The cached passes of a {@link Gpt}: a sequence read a few tokens at a time into its {@link SequenceCache},
 * and continuous batching's step over many caches. The same block code as the full pass; only where keys
 * and values live (appended to each sequence's cache) and the positions (each sequence its own) differ.
 */
final class CachedPasses {

    private CachedPasses() {
    }

    static float[] extend(Gpt model, SequenceCache cache, int[] tokens) {
        GptConfig config = model.config;
        if (cache.model != model) {
            throw new IllegalArgumentException("The cache belongs to another model");
        }
        if (tokens.length == 0) {
            throw new IllegalArgumentException("Nothing to read");
        }
        if (cache.length + tokens.length > config.blockSize()) {
            throw new IllegalArgumentException("The cache holds " + config.blockSize() + " tokens; it has " + cache.length
                    + " and " + tokens.length + " more do not fit");
        }
        model.checkIds(tokens);                                                               // all or nothing
        int c = config.nEmbd();
        for (int from = 0; from < tokens.length; from += cache.chunk) {
            int n = Math.min(cache.chunk, tokens.length - from);
            int[] ids = Arrays.copyOfRange(tokens, from, from + n);
            int[] p0 = {cache.length};
            model.embedding.forward(ids, n, p0, cache.x);                                     // [n, C]
            float[] stream = cache.x;
            for (int l = 0; l < model.blocks.length; l++) {
                stream = model.blocks[l].forward(stream, 1, n, p0, cache.work, cache.kv[l], true, cache.scratch, null, 0);
            }
            cache.length += n;
            if (from + n == tokens.length) {
                model.finalNorm.forwardRow(stream, (n - 1) * c, cache.h, cache.stats);      // LN_f, last token [C]
                headRow(model, cache.h, 0, cache.logits, 0);                                // [V]
            }
        }
        return cache.logits;
    }

    static float[] step(Gpt model, StepBatch batch, SequenceCache[] caches, int[] tokens, int count) {
        GptConfig config = model.config;
        if (batch.model != model) {
            throw new IllegalArgumentException("The batch belongs to another model");
        }
        if (count < 1 || count > batch.capacity || caches.length < count || tokens.length < count) {
            throw new IllegalArgumentException("Need 1 ≤ count ≤ " + batch.capacity + " sequences with a token each, not " + count);
        }
        int[] ids = Arrays.copyOf(tokens, count);
        model.checkIds(ids);
        int[] p0 = new int[count];
        for (int i = 0; i < count; i++) {
            if (caches[i].model != model) {
                throw new IllegalArgumentException("Cache " + i + " belongs to another model");
            }
            if (caches[i].length >= config.blockSize()) {
                throw new IllegalArgumentException("Sequence " + i + " already holds " + config.blockSize() + " tokens");
            }
            p0[i] = caches[i].length;
        }
        model.embedding.forward(ids, 1, p0, batch.x);                                          // [N, C]
        float[] stream = batch.x;
        CausalSelfAttention.KeyValues[] kv = new CausalSelfAttention.KeyValues[count];
        for (int l = 0; l < model.blocks.length; l++) {
            for (int i = 0; i < count; i++) {
                kv[i] = caches[i].kv[l][0];
            }
            batch.work.use(batch.weights[l]);
            stream = model.blocks[l].forward(stream, count, 1, p0, batch.work, kv, true, batch.scratch, null, 0); // [N, C]
        }
        for (int i = 0; i < count; i++) {
            caches[i].length++;
        }
        model.finalNorm.forward(stream, 0, count, batch.h, 0, batch.stats);                    // [N, C]
        headRows(model, batch.h, count, batch.logits);                                         // h wteᵀ [N, V]
        return batch.logits;
    }

    /** logits[v] = h · wte[v] for one row h [C]: the tied head, a dot product per vocabulary row. */
    static void headRow(Gpt model, float[] h, int hOff, float[] logits, int lOff) {
        int c = model.config.nEmbd();
        int v = model.config.vocabSize();
        Kernels.dots(1, v, c, h, hOff, c, model.parameters.values(), model.embedding.tokens.offset(), c, logits, lOff, v);
    }

    /**
     * The head for {@code rows} rows at once, logits [rows, V] = h wteᵀ: the same numbers as {@link #headRow}
     * row by row, but wte (V x C, the largest weight) is read once per four rows instead of once per row.
     */
    static void headRows(Gpt model, float[] h, int rows, float[] logits) {
        int c = model.config.nEmbd();
        int v = model.config.vocabSize();
        Kernels.dots(rows, v, c, h, 0, c, model.parameters.values(), model.embedding.tokens.offset(), c, logits, 0, v);
    }
}
