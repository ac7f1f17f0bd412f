package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.inference.Generator.Decoding;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.testing.EngineTest;

@EngineTest
class GeneratorTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.fromCorpus("the quick brown fox jumps over a lazy dog.");
    private static final GptConfig CONFIG = new GptConfig(2, 2, 16, 8, TOKENIZER.vocabSize(), 0.0);
    private static final TokenSink IGNORE = (i, id, text) -> true;

    private final Gpt model = KvCacheTest.randomModel(CONFIG, 5);
    private final Generator generator = new Generator(model, TOKENIZER);
    private final int[] prompt = TOKENIZER.encode("the fox");

    @Test
    void aFixedSeedReproducesTheGeneratedTextAndTheSinkSeesEveryToken() {
        SamplingOptions options = new SamplingOptions(1.0, 0, 1.0);
        List<Integer> streamed = new ArrayList<>();
        GenerationResult first = generator.generate(prompt, 30, options, 7, Decoding.KV_CACHE, (i, id, text) -> {
            assertThat(i).isEqualTo(streamed.size());
            assertThat(text).isEqualTo(TOKENIZER.tokenText(id));
            return streamed.add(id);
        });
        GenerationResult second = generator.generate(prompt, 30, options, 7, Decoding.KV_CACHE, IGNORE);
        GenerationResult otherSeed = generator.generate(prompt, 30, options, 8, Decoding.KV_CACHE, IGNORE);

        assertThat(first.tokens()).hasSize(30).isEqualTo(second.tokens());
        assertThat(streamed).containsExactly(java.util.Arrays.stream(first.tokens()).boxed().toArray(Integer[]::new));
        assertThat(first.text()).isEqualTo(TOKENIZER.decode(first.tokens()));
        assertThat(first.stop()).isEqualTo(GenerationResult.Stop.MAX_TOKENS);
        assertThat(otherSeed.tokens()).isNotEqualTo(first.tokens());
    }

    @Test
    void kvCacheAndFullForwardGenerateTheSameTokensBeyondTheBlockSize() {
        // 30 tokens after a 7-token prompt with blockSize 8: the window slides for most of them.
        for (SamplingOptions options : new SamplingOptions[] {SamplingOptions.greedy(), new SamplingOptions(0.8, 5, 0.9)}) {
            GenerationResult cached = generator.generate(prompt, 30, options, 3, Decoding.KV_CACHE, IGNORE);
            GenerationResult full = generator.generate(prompt, 30, options, 3, Decoding.FULL_FORWARD, IGNORE);
            assertThat(cached.tokens()).as(options.toString()).isEqualTo(full.tokens());
        }
    }

    @Test
    void greedyGenerationFollowsTheArgmaxOfNextToken() {
        GenerationResult result = generator.generate(prompt, 1, SamplingOptions.greedy(), 0, Decoding.KV_CACHE, IGNORE);
        NextTokenDistribution next = generator.nextToken(prompt, SamplingOptions.unfiltered());
        assertThat(result.tokens()[0]).isEqualTo(next.top().get(0).id());
        assertThat(next.top()).hasSize(NextTokenDistribution.TOP);
        assertThat(next.entropyBits()).isBetween(0.0, Math.log(CONFIG.vocabSize()) / Math.log(2) + 1e-9);
    }

    @Test
    void aSinkReturningFalseStopsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        GenerationResult result = generator.generate(prompt, 50, SamplingOptions.unfiltered(), 1, Decoding.KV_CACHE,
                (i, id, text) -> calls.incrementAndGet() < 4);
        assertThat(calls).hasValue(4);
        assertThat(result.tokens()).hasSize(4);
        assertThat(result.stop()).isEqualTo(GenerationResult.Stop.SINK);
    }

    @Test
    void anInterruptedThreadStops() {
        GenerationResult result = generator.generate(prompt, 50, SamplingOptions.unfiltered(), 1, Decoding.KV_CACHE,
                (i, id, text) -> {
                    if (i == 2) {
                        Thread.currentThread().interrupt(); // as Future.cancel(true) would
                    }
                    return true;
                });
        assertThat(Thread.interrupted()).isTrue(); // clears the flag for the next test
        assertThat(result.tokens()).hasSize(3);
        assertThat(result.stop()).isEqualTo(GenerationResult.Stop.INTERRUPTED);
    }

    @Test
    void attentionRowsSumToOneAndAreCausalForTheLastBlockSizeTokens() {
        int[] longPrompt = TOKENIZER.encode("the lazy dog jumps");           // 18 tokens > blockSize 8
        AttentionMap map = generator.attention(longPrompt);
        int time = CONFIG.blockSize();
        assertThat(map.tokens()).containsExactly(java.util.Arrays.copyOfRange(longPrompt, longPrompt.length - time, longPrompt.length));
        assertThat(map.tokenTexts()).hasSize(time);
        assertThat(String.join("", map.tokenTexts())).isEqualTo("og jumps");
        float[][][][] p = map.probabilities();
        assertThat(p.length).isEqualTo(CONFIG.nLayer());
        for (float[][][] layer : p) {
            assertThat(layer.length).isEqualTo(CONFIG.nHead());
            for (float[][] head : layer) {
                assertThat(head.length).isEqualTo(time);
                for (int q = 0; q < time; q++) {
                    double sum = 0;
                    for (int k = 0; k < time; k++) {
                        if (k > q) {
                            assertThat(head[q][k]).as("query %d key %d", q, k).isZero();
                        }
                        assertThat(head[q][k]).isGreaterThanOrEqualTo(0f);
                        sum += head[q][k];
                    }
                    assertThat(sum).isCloseTo(1.0, within(1e-5));
                }
            }
        }
        assertThat(p[0][0][0][0]).isEqualTo(1f); // the first token can only look at itself
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> generator.generate(new int[0], 5, SamplingOptions.greedy(), 0, Decoding.KV_CACHE, IGNORE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.generate(prompt, -1, SamplingOptions.greedy(), 0, Decoding.KV_CACHE, IGNORE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Generator(model, CharTokenizer.fromCorpus("ab"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(generator.generate(prompt, 0, SamplingOptions.greedy(), 0, Decoding.KV_CACHE, IGNORE).tokens()).isEmpty();
    }
}
