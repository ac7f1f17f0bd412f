package org.transformerguide.playground.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.EngineTest;
import org.transformerguide.testing.SelfContained;

@EngineTest
@SelfContained
class GptTest {

    private static final GptConfig TINY = new GptConfig(2, 2, 8, 6, 11, 0.0);

    static int[][] randomTokens(Random random, int batch, int time, int vocab) {
        int[][] tokens = new int[batch][time];
        for (int[] row : tokens) {
            for (int t = 0; t < time; t++) {
                row[t] = random.nextInt(vocab);
            }
        }
        return tokens;
    }

    /** Moves every parameter away from the near-linear initialization, so that every nonlinearity is exercised. */
    static void scramble(Gpt model, Random random) {
        float[] values = model.parameterSet().values();
        for (Parameter p : model.parameters()) {
            for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                values[i] = (float) ((p.name().endsWith(".gain") ? 1 : 0) + 0.4 * random.nextGaussian());
            }
        }
    }

    /**
     * The float model's hand-written backward pass against central finite differences of the same function
     * computed in double ({@link ReferenceGpt}, which {@link #forwardPassMatchesAPlainJavaReference} pins to
     * the float forward pass). Float rounding in the analytic gradients bounds the agreement at ~1e−6.
     */
    @Test
    void everyGradientMatchesCentralFiniteDifferencesInDouble() {
        checkGradients(TINY, false);
    }

    /** The same with dropout (p = 0.3) in training mode: the reference applies the masks the float pass drew. */
    @Test
    void everyGradientMatchesFiniteDifferencesWithTheDropoutMasksOfThePass() {
        checkGradients(new GptConfig(2, 2, 8, 6, 11, 0.3), true);
    }

    private static void checkGradients(GptConfig config, boolean training) {
        Gpt model = new Gpt(config, 1);
        model.train(training);
        Random random = new Random(2);
        scramble(model, random);
        // T = 5 < blockSize: the last position embedding is unused and its gradient must be exactly 0.
        int[][] inputs = randomTokens(random, 2, 5, config.vocabSize());
        int[][] targets = randomTokens(random, 2, 5, config.vocabSize());

        Gpt.Activations pass = model.newActivations(2, 5, true);
        model.forward(inputs, pass);
        model.backward(targets, pass);
        assertThat(pass.dropped).isEqualTo(training);
        float[] analytic = model.parameterSet().gradients().clone(); // [n]

        ReferenceGpt reference = new ReferenceGpt(model);
        double[] numeric = new double[analytic.length];
        double h = 1e-5;
        for (int i = 0; i < numeric.length; i++) {
            double original = reference.get(i);
            reference.set(i, original + h);
            double plus = reference.loss(inputs, targets, pass);
            reference.set(i, original - h);
            double minus = reference.loss(inputs, targets, pass);
            reference.set(i, original);
            numeric[i] = (plus - minus) / (2 * h);
        }

        // Per tensor: relative error ‖a − n‖ / (‖a‖ + ‖n‖), and the largest difference of one entry.
        Map<String, double[]> errors = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            double diff = 0;
            double normA = 0;
            double normN = 0;
            double maxAbs = 0;
            for (int i = p.offset(); i < p.offset() + p.size(); i++) {
                double a = analytic[i];
                double n = numeric[i];
                diff += (a - n) * (a - n);
                normA += a * a;
                normN += n * n;
                maxAbs = Math.max(maxAbs, Math.abs(a - n));
            }
            errors.put(p.name(), new double[] {Math.sqrt(diff) / (Math.sqrt(normA) + Math.sqrt(normN)), maxAbs, Math.sqrt(normA)});
        }
        System.out.println("Gradient check (float analytic vs double finite differences, h = 1e-5, dropout "
                + (training ? config.dropout() : 0) + "): tensor, relative error, max |a - n|, |gradient|");
        errors.forEach((name, e) -> System.out.printf("  %-22s %.2e  %.2e  %.3e%n", name, e[0], e[1], e[2]));
        assertThat(errors).allSatisfy((name, e) -> {
            assertThat(e[2]).as("gradient of %s is not all zero", name).isGreaterThan(0);
            assertThat(e[0]).as("relative error of %s", name).isLessThan(2e-5);
        });
        Parameter wpe = model.parameterSet().get("wpe");
        for (int j = 0; j < config.nEmbd(); j++) {
            assertThat(analytic[wpe.offset() + 5 * config.nEmbd() + j]).isZero();
        }
    }

    @Test
    void forwardPassMatchesAPlainJavaReference() {
        Gpt model = new Gpt(TINY, 3);
        Random random = new Random(4);
        scramble(model, random);
        int[][] tokens = randomTokens(random, 2, 6, TINY.vocabSize());
        float[] logits = model.forward(tokens); // [B·T, V]
        ReferenceGpt reference = new ReferenceGpt(model);
        int v = TINY.vocabSize();
        for (int b = 0; b < tokens.length; b++) {
            double[][] expected = reference.logits(tokens[b]);
            for (int t = 0; t < expected.length; t++) {
                for (int k = 0; k < v; k++) {
                    assertThat(logits[(b * 6 + t) * v + k]).as("logit [%d, %d, %d]", b, t, k).isCloseTo((float) expected[t][k], within(2e-5f));
                }
            }
        }
    }

    /** The cached path (tokens read a few at a time) gives the full pass's logits at every position. */
    @Test
    void cachedReadingMatchesTheFullPass() {
        GptConfig config = new GptConfig(2, 4, 32, 16, 13, 0.0);
        Gpt model = new Gpt(config, 5);
        Random random = new Random(6);
        scramble(model, random);
        int[] tokens = randomTokens(random, 1, 16, config.vocabSize())[0];
        float[] full = model.forward(new int[][] {tokens}).clone(); // [T, V]
        int v = config.vocabSize();
        for (int chunk : new int[] {1, 3, 16}) {
            SequenceCache cache = model.newCache(chunk);
            int read = 0;
            for (int step : new int[] {5, 1, 1, 4, 5}) {            // a prompt, then single tokens, then more
                float[] logits = model.extend(cache, java.util.Arrays.copyOfRange(tokens, read, read + step));
                read += step;
                for (int k = 0; k < v; k++) {
                    assertThat(logits[k]).as("chunk %d, position %d, logit %d", chunk, read - 1, k)
                            .isCloseTo(full[(read - 1) * v + k], within(1e-4f));
                }
            }
            assertThat(cache.length()).isEqualTo(16);
            assertThatThrownBy(() -> model.extend(cache, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * Continuous batching's step: several sequences at different positions, each one token further per step,
     * some joining late and one leaving, give every sequence exactly the logits it gets when read alone, so
     * sampling with the same seed picks the same tokens.
     */
    @Test
    void aBatchedStepGivesEverySequenceItsOwnLogits() {
        GptConfig config = new GptConfig(2, 4, 32, 24, 13, 0.0);
        Gpt model = new Gpt(config, 8);
        Random random = new Random(9);
        scramble(model, random);
        int v = config.vocabSize();
        int streams = 5;
        int[][] prompts = new int[streams][];
        int[][] continuations = new int[streams][];
        for (int i = 0; i < streams; i++) {
            prompts[i] = randomTokens(random, 1, 1 + 3 * i, v)[0];          // lengths 1, 4, 7, 10, 13
            continuations[i] = randomTokens(random, 1, 8, v)[0];
        }
        SequenceCache[] alone = new SequenceCache[streams];
        SequenceCache[] batched = new SequenceCache[streams];
        for (int i = 0; i < streams; i++) {
            alone[i] = model.newCache(8);
            batched[i] = model.newCache(8);
            model.extend(alone[i], prompts[i]);
            model.extend(batched[i], prompts[i]);
        }
        StepBatch batch = model.newBatch(streams);
        for (int step = 0; step < 8; step++) {
            // stream 4 joins at step 3; stream 1 leaves after step 5
            java.util.List<Integer> active = new java.util.ArrayList<>();
            for (int i = 0; i < streams; i++) {
                if (!(i == 4 && step < 3) && !(i == 1 && step > 5)) {
                    active.add(i);
                }
            }
            SequenceCache[] caches = new SequenceCache[active.size()];
            int[] tokens = new int[active.size()];
            for (int k = 0; k < active.size(); k++) {
                caches[k] = batched[active.get(k)];
                tokens[k] = continuations[active.get(k)][caches[k].length() - prompts[active.get(k)].length];
            }
            float[] logits = model.step(batch, caches, tokens, active.size());
            for (int k = 0; k < active.size(); k++) {
                float[] expected = model.extend(alone[active.get(k)], new int[] {tokens[k]});
                for (int j = 0; j < v; j++) {
                    assertThat(logits[k * v + j]).as("step %d, stream %d, logit %d", step, active.get(k), j)
                            .isEqualTo(expected[j]);          // bit for bit: the kernels sum in one order
                }
            }
        }
        for (int i = 0; i < streams; i++) {
            assertThat(batched[i].length()).isEqualTo(alone[i].length());
        }
    }

    @Test
    void attentionRowsSumToOneAndNeverLookAhead() {
        Gpt model = new Gpt(TINY, 5);
        Random random = new Random(6);
        scramble(model, random);
        model.forward(randomTokens(random, 2, 6, TINY.vocabSize()));
        int h = TINY.nHead();
        for (int layer = 0; layer < TINY.nLayer(); layer++) {
            float[] p = model.attention(layer); // [B, H, T, T]
            assertThat(p).hasSize(2 * h * 6 * 6);
            for (int b = 0; b < 2; b++) {
                for (int head = 0; head < h; head++) {
                    for (int query = 0; query < 6; query++) {
                        double sum = 0;
                        for (int key = 0; key < 6; key++) {
                            float weight = p[((b * h + head) * 6 + query) * 6 + key];
                            if (key > query) {
                                assertThat(weight).as("weight on a future position").isZero();
                            } else {
                                assertThat(weight).isPositive();
                            }
                            sum += weight;
                        }
                        assertThat(sum).isCloseTo(1.0, within(1e-5));
                    }
                }
            }
        }
        // Changing a later token changes nothing earlier: the logits of positions 0..2 stay the same.
        int[][] tokens = {{1, 2, 3, 4, 5, 6}};
        int v = TINY.vocabSize();
        float[] before = java.util.Arrays.copyOf(model.forward(tokens), 3 * v);
        tokens[0][3] = 9;
        float[] after = java.util.Arrays.copyOf(model.forward(tokens), 3 * v);
        assertThat(after).containsExactly(before);
    }

    @Test
    void lossAtInitializationIsCloseToLnVocab() {
        Gpt model = new Gpt(TINY, 7);
        Random random = new Random(8);
        model.forward(randomTokens(random, 4, 6, TINY.vocabSize()));
        // Small initial weights give nearly equal logits: the model starts out guessing uniformly.
        assertThat(model.loss(randomTokens(random, 4, 6, TINY.vocabSize()))).isCloseTo(Math.log(TINY.vocabSize()), within(0.02));
    }

    @Test
    void logitsHaveTheShapeOfTheInputAndBadInputIsRejected() {
        Gpt model = new Gpt(TINY, 11);
        assertThat(model.forward(new int[][] {{1, 2, 3}})).hasSize(3 * 11);
        assertThat(model.forward(new int[][] {{1, 2}, {3, 4}})).hasSize(2 * 2 * 11);
        assertThatThrownBy(() -> model.forward(new int[][] {{1, 2, 3, 4, 5, 6, 7}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.forward(new int[][] {{11}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.forward(new int[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropoutActsOnlyInTrainingModeWithReproducibleMasks() {
        Gpt model = new Gpt(new GptConfig(2, 2, 8, 6, 11, 0.5), 12);
        Gpt plain = new Gpt(TINY, 12);
        assertThat(model.parameterSet().values()).containsExactly(plain.parameterSet().values());
        int[][] tokens = randomTokens(new Random(13), 2, 6, 11);
        float[] reference = plain.forward(tokens).clone();

        assertThat(model.training()).isFalse();
        assertThat(model.forward(tokens).clone()).as("inference mode: no dropout").containsExactly(reference);

        model.train(true);
        model.seedDropout(5);
        float[] first = model.forward(tokens).clone();
        float[] second = model.forward(tokens).clone();
        model.seedDropout(5);
        float[] again = model.forward(tokens).clone();
        assertThat(first).as("training mode drops").isNotEqualTo(reference);
        assertThat(second).as("a fresh mask each pass").isNotEqualTo(first);
        assertThat(again).as("the same seed, the same masks").containsExactly(first);
        float[] p = model.attention(0);                  // the undropped weights: rows still sum to 1
        for (int row = 0; row < p.length / 6; row++) {
            double sum = 0;
            for (int k = 0; k < 6; k++) {
                sum += p[row * 6 + k];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
        SequenceCache cache = model.newCache(6);             // the cached path never drops
        float[] cached = model.extend(cache, tokens[0]);
        for (int k = 0; k < 11; k++) {
            assertThat(cached[k]).isCloseTo(reference[5 * 11 + k], within(1e-5f));
        }
        model.train(false);
        assertThat(model.forward(tokens).clone()).containsExactly(reference);
    }

    @Test
    void dropoutKeepsAboutOneMinusPOfTheElementsAndTheMeanUnchanged() {
        Dropout dropout = new Dropout(0.2);
        float[] mask = new float[200_000];
        dropout.fill(3, mask, 0, mask.length);
        long zeros = 0;
        double sum = 0;
        for (float m : mask) {
            zeros += m == 0 ? 1 : 0;
            sum += m;
        }
        assertThat(zeros / (double) mask.length).isCloseTo(0.2, within(0.005));
        assertThat(sum / mask.length).isCloseTo(1.0, within(0.01));
        assertThat(new Dropout(0).active()).isFalse();
    }
}
