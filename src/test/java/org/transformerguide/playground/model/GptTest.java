package org.transformerguide.playground.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GptTest {

    private static final GptConfig TINY = new GptConfig(2, 2, 8, 6, 11, 0.0);

    private static int[][] randomTokens(Random random, int batch, int time, int vocab) {
        int[][] tokens = new int[batch][time];
        for (int[] row : tokens) {
            for (int t = 0; t < time; t++) {
                row[t] = random.nextInt(vocab);
            }
        }
        return tokens;
    }

    /** Moves every parameter away from the near-linear initialization, so that every nonlinearity is exercised. */
    private static void scramble(Gpt model, Random random) {
        for (Parameter p : model.parameters()) {
            double[] values = new double[(int) p.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (p.name().endsWith(".gain") ? 1 : 0) + 0.4 * random.nextGaussian();
            }
            p.value().assign(Nd4j.create(values, p.shape(), 'c'));
        }
    }

    @Test
    void everyGradientMatchesCentralFiniteDifferences() {
        checkGradients(TINY, false);
    }

    /**
     * The same check in training mode with dropout 0.3 at all four places: every pass (the analytic one
     * and each finite difference) reseeds the dropout source, so all of them see the same fixed masks and
     * the loss is a smooth function of the parameters that the backward pass must differentiate.
     */
    @Test
    void everyGradientMatchesFiniteDifferencesWithAFixedDropoutMask() {
        checkGradients(new GptConfig(2, 2, 8, 6, 11, 0.3), true);
    }

    private static void checkGradients(GptConfig config, boolean training) {
        Gpt model = new Gpt(config, DataType.DOUBLE, 1);
        model.train(training);
        Random random = new Random(2);
        scramble(model, random);
        // T = 5 < blockSize: the last position embedding is unused and its gradient must be exactly 0.
        int[][] inputs = randomTokens(random, 2, 5, config.vocabSize());
        int[][] targets = randomTokens(random, 2, 5, config.vocabSize());

        long maskSeed = 42;
        model.seedDropout(maskSeed);
        model.forward(inputs);
        model.backward(targets);
        INDArray analytic = model.parameterSet().gradients().dup(); // [n]

        INDArray values = model.parameterSet().values();            // [n]
        double[] numeric = new double[(int) values.length()];
        double h = 1e-5;
        for (int i = 0; i < numeric.length; i++) {
            double original = values.getDouble(i);
            values.putScalar(i, original + h);
            model.seedDropout(maskSeed);
            model.forward(inputs);
            double plus = model.loss(targets);
            values.putScalar(i, original - h);
            model.seedDropout(maskSeed);
            model.forward(inputs);
            double minus = model.loss(targets);
            values.putScalar(i, original);
            numeric[i] = (plus - minus) / (2 * h);
        }

        // Per tensor: relative error ‖a − n‖ / (‖a‖ + ‖n‖), and the largest difference of one entry.
        Map<String, double[]> errors = new LinkedHashMap<>();
        long offset = 0;
        for (Parameter p : model.parameters()) {
            double diff = 0;
            double normA = 0;
            double normN = 0;
            double maxAbs = 0;
            for (long i = offset; i < offset + p.size(); i++) {
                double a = analytic.getDouble(i);
                double n = numeric[(int) i];
                diff += (a - n) * (a - n);
                normA += a * a;
                normN += n * n;
                maxAbs = Math.max(maxAbs, Math.abs(a - n));
            }
            errors.put(p.name(), new double[] {Math.sqrt(diff) / (Math.sqrt(normA) + Math.sqrt(normN)), maxAbs, Math.sqrt(normA)});
            offset += p.size();
        }
        System.out.println("Gradient check (double, h = 1e-5, dropout " + (training ? config.dropout() : 0) + "): tensor, relative error, max |analytic - numeric|, |gradient|");
        errors.forEach((name, e) -> System.out.printf("  %-22s %.2e  %.2e  %.3e%n", name, e[0], e[1], e[2]));
        assertThat(errors).allSatisfy((name, e) -> {
            assertThat(e[2]).as("gradient of %s is not all zero", name).isGreaterThan(0);
            assertThat(e[0]).as("relative error of %s", name).isLessThan(1e-6);
        });
        assertThat(model.parameterSet().get("wpe").gradient().getRow(5).amaxNumber().doubleValue()).isZero();
    }

    @Test
    void forwardPassMatchesAPlainJavaReference() {
        Gpt model = new Gpt(TINY, DataType.DOUBLE, 3);
        Random random = new Random(4);
        scramble(model, random);
        int[][] tokens = randomTokens(random, 2, 6, TINY.vocabSize());
        INDArray logits = model.forward(tokens); // [B, T, V]
        ReferenceGpt reference = new ReferenceGpt(model);
        for (int b = 0; b < tokens.length; b++) {
            double[][] expected = reference.logits(tokens[b]);
            for (int t = 0; t < expected.length; t++) {
                for (int v = 0; v < expected[t].length; v++) {
                    assertThat(logits.getDouble(b, t, v)).as("logit [%d, %d, %d]", b, t, v).isCloseTo(expected[t][v], within(1e-9));
                }
            }
        }
    }

    @Test
    void attentionRowsSumToOneAndNeverLookAhead() {
        Gpt model = new Gpt(TINY, DataType.DOUBLE, 5);
        Random random = new Random(6);
        scramble(model, random);
        model.forward(randomTokens(random, 2, 6, TINY.vocabSize()));
        for (int layer = 0; layer < TINY.nLayer(); layer++) {
            INDArray p = model.attention(layer); // [B, H, T, T]
            assertThat(p.shape()).containsExactly(2, TINY.nHead(), 6, 6);
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < TINY.nHead(); h++) {
                    for (int query = 0; query < 6; query++) {
                        double sum = 0;
                        for (int key = 0; key < 6; key++) {
                            double weight = p.getDouble(b, h, query, key);
                            if (key > query) {
                                assertThat(weight).as("weight on a future position").isZero();
                            } else {
                                assertThat(weight).isPositive();
                            }
                            sum += weight;
                        }
                        assertThat(sum).isCloseTo(1.0, within(1e-12));
                    }
                }
            }
        }
        // Changing a later token changes nothing earlier: the logits of positions 0..2 stay the same.
        int[][] tokens = {{1, 2, 3, 4, 5, 6}};
        double[] before = model.forward(tokens).get(NDArrayIndex.point(0),
                NDArrayIndex.interval(0, 3)).dup().data().asDouble();
        tokens[0][3] = 9;
        double[] after = model.forward(tokens).get(NDArrayIndex.point(0),
                NDArrayIndex.interval(0, 3)).dup().data().asDouble();
        assertThat(after).containsExactly(before);
    }

    @Test
    void lossAtInitializationIsCloseToLnVocab() {
        Gpt model = new Gpt(TINY, DataType.DOUBLE, 7);
        Random random = new Random(8);
        model.forward(randomTokens(random, 4, 6, TINY.vocabSize()));
        // Small initial weights give nearly equal logits: the model starts out guessing uniformly.
        assertThat(model.loss(randomTokens(random, 4, 6, TINY.vocabSize()))).isCloseTo(Math.log(TINY.vocabSize()), within(0.02));
    }

    @Test
    void logitsHaveTheShapeOfTheInputAndBadInputIsRejected() {
        Gpt model = new Gpt(TINY, DataType.FLOAT, 11);
        assertThat(model.forward(new int[][] {{1, 2, 3}}).shape()).containsExactly(1, 3, 11);
        assertThat(model.forward(new int[][] {{1, 2}, {3, 4}}).shape()).containsExactly(2, 2, 11);
        assertThatThrownBy(() -> model.forward(new int[][] {{1, 2, 3, 4, 5, 6, 7}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.forward(new int[][] {{11}})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.forward(new int[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropoutActsOnlyInTrainingModeWithReproducibleMasks() {
        GptConfig withDropout = new GptConfig(2, 2, 8, 6, 11, 0.5);
        Gpt model = new Gpt(withDropout, DataType.DOUBLE, 12);
        Gpt plain = new Gpt(TINY, DataType.DOUBLE, 12);
        assertThat(model.parameterSet().values().toDoubleVector()).containsExactly(plain.parameterSet().values().toDoubleVector());
        int[][] tokens = randomTokens(new Random(13), 2, 6, 11);
        double[] reference = plain.forward(tokens).dup().data().asDouble();

        assertThat(model.training()).isFalse();
        assertThat(model.forward(tokens).dup().data().asDouble()).as("inference mode: no dropout").containsExactly(reference);

        model.train(true);
        model.seedDropout(5);
        double[] first = model.forward(tokens).dup().data().asDouble();
        double[] second = model.forward(tokens).dup().data().asDouble();
        model.seedDropout(5);
        double[] again = model.forward(tokens).dup().data().asDouble();
        assertThat(first).as("training mode drops").isNotEqualTo(reference);
        assertThat(second).as("a fresh mask each pass").isNotEqualTo(first);
        assertThat(again).as("the same seed, the same mask").containsExactly(first);
        // The attention probabilities reported are the undropped ones: rows still sum to 1.
        INDArray p = model.attention(0);
        for (double sum : p.sum(3).dup().data().asDouble()) {
            assertThat(sum).isCloseTo(1.0, within(1e-12));
        }

        model.train(false);
        assertThat(model.forward(tokens).dup().data().asDouble()).containsExactly(reference);
    }

    @Test
    void dropoutKeepsAboutOneMinusPOfTheElementsAndTheMeanUnchanged() {
        Dropout dropout = new Dropout(0.2, 3);
        dropout.train(true);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 400, 500);
        double[] dropped = dropout.new Site().forward(ones).data().asDouble();
        long zeros = java.util.Arrays.stream(dropped).filter(x -> x == 0).count();
        assertThat(zeros / (double) dropped.length).isCloseTo(0.2, within(0.005));
        assertThat(java.util.Arrays.stream(dropped).average().orElseThrow()).isCloseTo(1.0, within(0.01));
        assertThat(ones.minNumber().doubleValue()).as("the input is left alone").isEqualTo(1.0);
    }
}
