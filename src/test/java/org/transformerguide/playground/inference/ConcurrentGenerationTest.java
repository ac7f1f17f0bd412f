package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.inference.Generator.Decoding;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.model.Parameter;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.testing.EngineTest;

/**
 * One served model, many requests at once: each must get exactly what it gets alone. If any state of a
 * pass lived in the model (activations, caches, a scratch buffer) two requests would overwrite each
 * other's numbers and the texts would differ. And no request copies the weights: each reads the model's
 * one array.
 */
@EngineTest
class ConcurrentGenerationTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.fromCorpus("the quick brown fox jumps over a lazy dog.");
    /** Block 16 and 40 new tokens: every generation slides its window, the path that clears and refills a cache. */
    private static final GptConfig CONFIG = new GptConfig(2, 4, 32, 16, TOKENIZER.vocabSize(), 0.0);
    private static final int STREAMS = 8;
    private static final int TOKENS = 40;

    private final Gpt model = KvCacheTest.randomModel(CONFIG, 17);
    private final Generator generator = new Generator(model, TOKENIZER);

    private static String prompt(int stream) {
        return List.of("the fox", "a lazy dog", "quick", "over the", "brown fox jumps", "dog.", "t", "jumps over a lazy")
                .get(stream % 8);
    }

    private GenerationResult alone(int stream) {
        return generator.generate(prompt(stream), TOKENS, new SamplingOptions(0.9, 0, 0.95), 100 + stream, (i, id, text) -> true);
    }

    @Test
    void eightConcurrentGenerationsEachGiveTheTextTheyGiveAlone() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            expected.add(alone(s).text());
        }
        assertThat(expected).as("different seeds and prompts, different texts").doesNotHaveDuplicates();
        float[] weightsBefore = model.parameterSet().values().clone();

        for (int round = 0; round < 3; round++) { // a few rounds: interleavings differ from run to run
            List<String> together = runTogether(STREAMS, s -> alone(s).text());
            assertThat(together).as("round %d", round).isEqualTo(expected);
        }
        assertThat(model.parameterSet().values()).as("serving never writes the weights").isEqualTo(weightsBefore);
    }

    @Test
    void attentionMapsLogitLensesAndDistributionsAlongsideGenerationsAreUndisturbed() throws Exception {
        String prompt = "the quick brown fox";
        float[][][][] attention = generator.attention(prompt).probabilities();
        LogitLens lens = generator.logitLens(prompt);
        NextTokenDistribution next = generator.nextToken(prompt, SamplingOptions.unfiltered());
        GenerationResult generated = alone(3);

        List<Object> results = runTogether(STREAMS, s -> switch (s % 4) {
            case 0 -> generator.attention(prompt).probabilities();
            case 1 -> generator.logitLens(prompt);
            case 2 -> generator.nextToken(prompt, SamplingOptions.unfiltered());
            default -> alone(3).text();
        });
        for (int s = 0; s < STREAMS; s++) {
            Object result = results.get(s);
            switch (s % 4) {
                case 0 -> assertThat((float[][][][]) result).isDeepEqualTo(attention);
                case 1 -> assertThat(result).isEqualTo(lens);
                case 2 -> assertThat(result).isEqualTo(next);
                default -> assertThat(result).isEqualTo(generated.text());
            }
        }
    }

    /**
     * One copy of the weights: a request reads the served model's own arrays while it runs, not a copy
     * made by the Generator or at the start of the request. Negating the final LayerNorm's gain and bias
     * in the middle of a greedy generation negates every later logit (logits = LN_f(x) wteᵀ), so the very
     * next token becomes the least likely one instead of the most likely.
     */
    @Test
    void aRequestReadsTheServedWeightsInPlace() {
        int[] prompt = TOKENIZER.encode("the fox");
        GenerationResult untouched = generator.generate(prompt, 6, SamplingOptions.greedy(), 0, Decoding.KV_CACHE, (i, id, text) -> true);
        float[] values = model.parameterSet().values();
        Parameter gain = model.parameterSet().get("lnf.gain");
        Parameter bias = model.parameterSet().get("lnf.bias");
        try {
            GenerationResult changed = generator.generate(prompt, 6, SamplingOptions.greedy(), 0, Decoding.KV_CACHE, (i, id, text) -> {
                if (i == 2) { // after the third token: flip the head's input for every later token
                    for (Parameter p : List.of(gain, bias)) {
                        for (int k = p.offset(); k < p.offset() + p.size(); k++) {
                            values[k] = -values[k];
                        }
                    }
                }
                return true;
            });
            assertThat(Arrays.copyOf(changed.tokens(), 3)).isEqualTo(Arrays.copyOf(untouched.tokens(), 3));
            assertThat(changed.tokens()[3]).as("the token after the change").isNotEqualTo(untouched.tokens()[3]);
        } finally {
            for (Parameter p : List.of(gain, bias)) {
                for (int k = p.offset(); k < p.offset() + p.size(); k++) {
                    values[k] = -values[k];
                }
            }
        }
        assertThat(generator.generate(prompt, 6, SamplingOptions.greedy(), 0, Decoding.KV_CACHE, (i, id, text) -> true).tokens())
                .isEqualTo(untouched.tokens());
    }

    @Test
    void kvCachedAndFullForwardDecodingAgreeWhenRunConcurrently() throws Exception {
        int[] ids = TOKENIZER.encode(prompt(4));
        SamplingOptions greedy = SamplingOptions.greedy();
        List<GenerationResult> results = runTogether(STREAMS, s -> generator.generate(ids, TOKENS, greedy, 0,
                s % 2 == 0 ? Decoding.KV_CACHE : Decoding.FULL_FORWARD, (i, id, text) -> true));
        for (GenerationResult r : results) {
            assertThat(r.tokens()).isEqualTo(results.get(0).tokens());
        }
    }

    /** Runs task(0) .. task(n − 1) on n threads released together, and returns their results in order. */
    private static <T> List<T> runTogether(int n, IndexedTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<T>> futures = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                int stream = s;
                Callable<T> call = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return task.run(stream);
                };
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IndexedTask<T> {
        T run(int index);
    }
}
