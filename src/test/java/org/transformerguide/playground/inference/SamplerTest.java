package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.testing.EngineTest;

@EngineTest
class SamplerTest {

    /** Logits whose softmax is exactly the given distribution (up to float rounding). */
    private static float[] logitsOf(double... probabilities) {
        float[] logits = new float[probabilities.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.log(probabilities[i]);
        }
        return logits;
    }

    private static float[] randomLogits(Random random, int vocab) {
        float[] logits = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            logits[i] = (float) (2 * random.nextGaussian());
        }
        return logits;
    }

    private static long nonZero(double[] p) {
        return Arrays.stream(p).filter(x -> x > 0).count();
    }

    @Test
    void temperatureZeroAndTopKOneGiveTheArgmax() {
        Random random = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            float[] logits = randomLogits(random, 30);
            int argmax = IntStream.range(0, logits.length).reduce((a, b) -> logits[b] > logits[a] ? b : a).getAsInt();
            assertThat(Sampler.sample(logits, SamplingOptions.greedy(), random)).isEqualTo(argmax);
            for (double temperature : new double[] {0.5, 1, 5}) {
                assertThat(Sampler.sample(logits, new SamplingOptions(temperature, 1, 1.0), random)).isEqualTo(argmax);
            }
            assertThat(Sampler.probabilities(logits, SamplingOptions.greedy())[argmax]).isEqualTo(1.0);
        }
    }

    @Test
    void aFixedSeedReproducesASampleSequence() {
        float[] logits = randomLogits(new Random(3), 40);
        SamplingOptions options = new SamplingOptions(3.0, 10, 0.9); // flat enough to keep several tokens
        int[] first = IntStream.range(0, 200).map(i -> 0).toArray();
        int[] second = first.clone();
        Random a = new Random(42);
        Random b = new Random(42);
        for (int i = 0; i < first.length; i++) {
            first[i] = Sampler.sample(logits, options, a);
            second[i] = Sampler.sample(logits, options, b);
        }
        assertThat(second).isEqualTo(first);
        assertThat(Arrays.stream(first).distinct().count()).as("a real sample, not a constant").isGreaterThan(2);
        int[] other = IntStream.range(0, first.length).map(i -> Sampler.sample(logits, options, new Random(43 + i))).toArray();
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void topPKeepsTheSmallestSetWhoseMassReachesP() {
        float[] logits = logitsOf(0.05, 0.5, 0.15, 0.3); // ids out of order on purpose
        double[] p08 = Sampler.probabilities(logits, new SamplingOptions(1, 0, 0.8));
        assertThat(nonZero(p08)).isEqualTo(2);
        assertThat(p08[1]).isCloseTo(0.5 / 0.8, within(1e-6));
        assertThat(p08[3]).isCloseTo(0.3 / 0.8, within(1e-6));

        assertThat(nonZero(Sampler.probabilities(logits, new SamplingOptions(1, 0, 0.81)))).isEqualTo(3);
        assertThat(nonZero(Sampler.probabilities(logits, new SamplingOptions(1, 0, 0.5)))).isEqualTo(1);
        assertThat(nonZero(Sampler.probabilities(logits, new SamplingOptions(1, 0, 0.49)))).isEqualTo(1);
        assertThat(nonZero(Sampler.probabilities(logits, new SamplingOptions(1, 0, 0.96)))).isEqualTo(4);
        assertThat(nonZero(Sampler.probabilities(logits, new SamplingOptions(1, 0, 1.0)))).isEqualTo(4);
    }

    @Test
    void topKKeepsTheKLargestAndTopPAppliesToTheTopKDistribution() {
        float[] logits = logitsOf(0.05, 0.5, 0.15, 0.3);
        double[] top2 = Sampler.probabilities(logits, new SamplingOptions(1, 2, 1.0));
        assertThat(top2).containsExactly(new double[] {0, 0.5 / 0.8, 0, 0.3 / 0.8}, within(1e-6));
        // Within the top 3 (0.5, 0.3, 0.15 → 0.526, 0.316, 0.158), mass 0.8 needs two tokens (0.842).
        assertThat(nonZero(Sampler.probabilities(logits, new SamplingOptions(1, 3, 0.8)))).isEqualTo(2);
    }

    @Test
    void filteredProbabilitiesSumToOne() {
        Random random = new Random(5);
        for (int trial = 0; trial < 100; trial++) {
            float[] logits = randomLogits(random, 1 + random.nextInt(100));
            SamplingOptions options = new SamplingOptions(random.nextDouble() * 5, random.nextInt(20), 0.01 + 0.99 * random.nextDouble());
            double[] p = Sampler.probabilities(logits, options);
            assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
            assertThat(Arrays.stream(p).allMatch(x -> x >= 0)).isTrue();
            if (options.topK() > 0) {
                assertThat(nonZero(p)).isLessThanOrEqualTo(options.topK());
            }
        }
    }

    @Test
    void temperatureSharpensAndFlattens() {
        float[] logits = logitsOf(0.5, 0.3, 0.15, 0.05);
        double cold = Sampler.probabilities(logits, new SamplingOptions(0.5, 0, 1))[0];
        double warm = Sampler.probabilities(logits, new SamplingOptions(2, 0, 1))[0];
        assertThat(cold).isCloseTo(0.25 / (0.25 + 0.09 + 0.0225 + 0.0025), within(1e-6)); // p² renormalized
        assertThat(warm).isLessThan(0.5).isGreaterThan(0.25);
    }

    @Test
    void entropyOfAUniformDistributionOverFourIsTwoBits() {
        assertThat(Sampler.entropyBits(new double[] {0.25, 0.25, 0.25, 0.25})).isCloseTo(2.0, within(1e-12));
        assertThat(Sampler.entropyBits(new double[] {0, 1, 0})).isEqualTo(0.0);
        double[] uniform = Sampler.probabilities(new float[] {3, 3, 3, 3}, SamplingOptions.unfiltered());
        assertThat(Sampler.entropyBits(uniform)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void nextTokenDistributionListsTheTopTokensWithTextAndEntropy() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("abcdefghijklmnopqrstuvwxyz");
        float[] logits = randomLogits(new Random(9), tokenizer.vocabSize());
        double[] p = Sampler.probabilities(logits, new SamplingOptions(1, 0, 0.95));
        NextTokenDistribution d = NextTokenDistribution.of(p, tokenizer);

        assertThat(d.top()).hasSizeLessThanOrEqualTo(NextTokenDistribution.TOP).isNotEmpty();
        assertThat(d.top()).isSortedAccordingTo((x, y) -> Double.compare(y.probability(), x.probability()));
        assertThat(d.top().get(0).id()).isEqualTo(Sampler.argmax(logits));
        assertThat(d.top().get(0).text()).isEqualTo(tokenizer.tokenText(Sampler.argmax(logits)));
        assertThat(d.candidates()).isEqualTo(nonZero(p));
        assertThat(d.entropyBits()).isEqualTo(Sampler.entropyBits(p));

        NextTokenDistribution greedy = NextTokenDistribution.of(Sampler.probabilities(logits, SamplingOptions.greedy()), tokenizer);
        assertThat(greedy.top()).hasSize(1);
        assertThat(greedy.entropyBits()).isEqualTo(0.0);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new SamplingOptions(-0.1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingOptions(5.1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingOptions(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingOptions(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingOptions(1, 0, 1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingOptions(Double.NaN, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
