package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.SequenceCache;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.model.Parameter;
import org.transformerguide.testing.EngineTest;

/**
 * The cached path ({@link SequenceCache}, {@link Gpt#extend}) against the full forward pass
 * ({@link Gpt.Activations}): the same logits at every position, whether the tokens arrive one at a time,
 * in chunks, or after the cache was cleared.
 */
@EngineTest
class KvCacheTest {

    private static final GptConfig SMALL = new GptConfig(3, 4, 16, 12, 23, 0.0);

    /** A model with weights far from initialization (std 0.4), so every nonlinearity matters. */
    static Gpt randomModel(GptConfig config, long seed) {
        Gpt model = new Gpt(config, seed);
        Random random = new Random(seed);
        float[] values = model.parameterSet().values();
        for (Parameter p : model.parameters()) {
            for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                values[i] = (float) ((p.name().endsWith(".gain") ? 1 : 0) + 0.4 * random.nextGaussian());
            }
        }
        return model;
    }

    static int[] randomTokens(Random random, int length, int vocab) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = random.nextInt(vocab);
        }
        return tokens;
    }

    /** The full forward pass's logits, [T][V], for one sequence. */
    static float[][] fullForward(Gpt model, int[] tokens) {
        int v = model.config().vocabSize();
        float[] flat = model.forward(new int[][] {tokens}, model.newActivations(1, tokens.length, false)); // [T·V]
        float[][] rows = new float[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            rows[t] = Arrays.copyOfRange(flat, t * v, (t + 1) * v);
        }
        return rows;
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("%s, logit %d: %f vs %f", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(1e-4f);
        }
    }

    @Test
    void oneTokenAtATimeGivesTheFullForwardLogitsAtEveryPosition() {
        Gpt model = randomModel(SMALL, 11);
        int[] tokens = randomTokens(new Random(12), SMALL.blockSize(), SMALL.vocabSize());
        float[][] full = fullForward(model, tokens);

        SequenceCache cache = model.newCache(1);
        for (int t = 0; t < tokens.length; t++) {
            float[] logits = model.extend(cache, new int[] {tokens[t]});
            assertClose(logits, full[t], "position " + t);
        }
        assertThat(cache.length()).isEqualTo(SMALL.blockSize());
    }

    @Test
    void aPromptInChunksGivesTheSameLogitsAsTheFullForward() {
        Gpt model = randomModel(SMALL, 21);
        int[] tokens = randomTokens(new Random(22), SMALL.blockSize(), SMALL.vocabSize());
        float[][] full = fullForward(model, tokens);

        SequenceCache cache = model.newCache(4);                 // a prompt longer than the chunk is read in several passes
        int[][] parts = {{0, 5}, {5, 6}, {6, 9}, {9, 12}};   // a prompt, one token, then two more prompts
        for (int[] part : parts) {
            float[] logits = model.extend(cache, Arrays.copyOfRange(tokens, part[0], part[1]));
            assertClose(logits, full[part[1] - 1], "after position " + (part[1] - 1));
            assertThat(cache.length()).isEqualTo(part[1]);
        }
    }

    @Test
    void aClearedCacheReadsANewSequenceAsIfFresh() {
        Gpt model = randomModel(SMALL, 31);
        int[] tokens = randomTokens(new Random(32), 8, SMALL.vocabSize());
        SequenceCache cache = model.newCache(SMALL.blockSize());
        float[] first = model.extend(cache, tokens).clone();
        model.extend(cache, new int[] {3, 4, 5});            // longer now; then forget everything
        cache.clear();
        assertThat(cache.length()).isZero();
        assertThat(model.extend(cache, tokens)).isEqualTo(first);
        cache.clear();
        assertClose(model.extend(cache, new int[] {5, 6}), fullForward(model, new int[] {5, 6})[1], "after clear");
    }

    @Test
    void twoCachesOnOneModelDoNotDisturbEachOther() {
        Gpt model = randomModel(SMALL, 51);
        int[] a = randomTokens(new Random(52), SMALL.blockSize(), SMALL.vocabSize());
        int[] b = randomTokens(new Random(53), SMALL.blockSize(), SMALL.vocabSize());
        float[][] fullA = fullForward(model, a);
        float[][] fullB = fullForward(model, b);
        SequenceCache cacheA = model.newCache(2);
        SequenceCache cacheB = model.newCache(2);
        for (int t = 0; t < a.length; t++) {                 // interleaved steps
            assertClose(model.extend(cacheA, new int[] {a[t]}), fullA[t], "sequence a, position " + t);
            assertClose(model.extend(cacheB, new int[] {b[t]}), fullB[t], "sequence b, position " + t);
        }
    }

    @Test
    void overflowAndBadIdsAreRejected() {
        Gpt model = randomModel(SMALL, 41);
        SequenceCache cache = model.newCache(SMALL.blockSize());
        model.extend(cache, new int[SMALL.blockSize()]);
        assertThatThrownBy(() -> model.extend(cache, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
        cache.clear();
        assertThatThrownBy(() -> model.extend(cache, new int[] {SMALL.vocabSize()})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.extend(cache, new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.extend(cache, new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.newCache(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.newCache(SMALL.blockSize() + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
