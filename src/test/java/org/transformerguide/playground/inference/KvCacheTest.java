package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.model.Parameter;

class KvCacheTest {

    private static final GptConfig SMALL = new GptConfig(3, 4, 16, 12, 23, 0.0);

    /** A model with weights far from initialization (std 0.4), so every nonlinearity matters. */
    static Gpt randomModel(GptConfig config, long seed) {
        Gpt model = new Gpt(config, DataType.FLOAT, seed);
        Random random = new Random(seed);
        for (Parameter p : model.parameters()) {
            double[] values = new double[(int) p.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (p.name().endsWith(".gain") ? 1 : 0) + 0.4 * random.nextGaussian();
            }
            p.value().assign(Nd4j.create(values, p.shape(), 'c'));
        }
        return model;
    }

    private static int[] randomTokens(Random random, int length, int vocab) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = random.nextInt(vocab);
        }
        return tokens;
    }

    private static float[] row(INDArray logitsBtv, int t) {
        return logitsBtv.get(point(0), point(t), all()).toFloatVector(); // [V]
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
        INDArray full = model.forward(new int[][] {tokens}).dup(); // [1, T, V]

        KvCache cache = new KvCache(model);
        for (int t = 0; t < tokens.length; t++) {
            float[] logits = cache.appendOne(tokens[t]);
            assertClose(logits, row(full, t), "position " + t);
        }
        assertThat(cache.length()).isEqualTo(SMALL.blockSize());
    }

    @Test
    void aPromptInChunksGivesTheSameLogitsAsTheFullForward() {
        Gpt model = randomModel(SMALL, 21);
        int[] tokens = randomTokens(new Random(22), SMALL.blockSize(), SMALL.vocabSize());
        INDArray full = model.forward(new int[][] {tokens}).dup(); // [1, T, V]

        KvCache cache = new KvCache(model);
        int[][] chunks = {{0, 5}, {5, 6}, {6, 9}, {9, 12}}; // a prompt, one token, then two more prompts
        for (int[] chunk : chunks) {
            int[] part = java.util.Arrays.copyOfRange(tokens, chunk[0], chunk[1]);
            INDArray logits = cache.append(part); // [n, V]
            for (int i = 0; i < part.length; i++) {
                assertClose(logits.getRow(i).toFloatVector(), row(full, chunk[0] + i), "position " + (chunk[0] + i));
            }
        }
    }

    @Test
    void truncateAndResetReuseTheCache() {
        Gpt model = randomModel(SMALL, 31);
        int[] tokens = randomTokens(new Random(32), 8, SMALL.vocabSize());
        KvCache cache = new KvCache(model);
        cache.append(tokens);
        float[] last = cache.append(3).toFloatVector();        // position 8
        cache.truncate(8);
        assertThat(cache.append(3).toFloatVector()).isEqualTo(last);
        cache.reset();
        assertThat(cache.length()).isZero();
        INDArray full = model.forward(new int[][] {{5, 6}});  // [1, 2, V]
        cache.append(5);
        assertClose(cache.appendOne(6), row(full, 1), "after reset");
    }

    @Test
    void erfMatchesReferenceValues() {
        assertThat(KvCache.erf(0)).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(KvCache.erf(0.5)).isCloseTo(0.5204998778, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(KvCache.erf(-1)).isCloseTo(-0.8427007929, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(KvCache.erf(2)).isCloseTo(0.9953222650, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(KvCache.erf(-6)).isCloseTo(-1, org.assertj.core.api.Assertions.within(1e-7));
    }

    @Test
    void onlyFloatModelsAreAccepted() {
        assertThatThrownBy(() -> new KvCache(new Gpt(SMALL, DataType.DOUBLE, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowAndBadIdsAreRejected() {
        Gpt model = randomModel(SMALL, 41);
        KvCache cache = new KvCache(model);
        cache.append(new int[SMALL.blockSize()]);
        assertThatThrownBy(() -> cache.append(1)).isInstanceOf(IllegalArgumentException.class);
        cache.reset();
        assertThatThrownBy(() -> cache.append(SMALL.vocabSize())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.append()).isInstanceOf(IllegalArgumentException.class);
    }
}
