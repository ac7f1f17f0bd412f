package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.testing.EngineTest;

/**
 * Streams advanced together by one loop give each exactly the text it gets from {@link Generator} alone
 * (same prompt, settings and seed), whoever joins or leaves the batch meanwhile.
 */
@EngineTest
class ContinuousBatchingTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.fromCorpus("the quick brown fox jumps over a lazy dog.");
    /** Block 16 with up to 40 new tokens: streams slide their window, the path that clears and re-reads a cache. */
    private static final GptConfig CONFIG = new GptConfig(2, 4, 32, 16, TOKENIZER.vocabSize(), 0.0);
    private static final SamplingOptions OPTIONS = new SamplingOptions(0.9, 0, 0.95);

    private final Gpt model = KvCacheTest.randomModel(CONFIG, 17);
    private final Generator generator = new Generator(model, TOKENIZER);
    private final ContinuousBatching batching = new ContinuousBatching(model, TOKENIZER, 4, 5, "test-batching");

    @AfterEach
    void stop() {
        batching.close();
    }

    private static String prompt(int stream) {
        return List.of("the fox", "a lazy dog", "quick", "over the", "brown fox jumps over a lazy", "dog.", "t", "jumps over a lazy")
                .get(stream % 8);
    }

    private static int tokens(int stream) {
        return 10 + 5 * stream;                      // streams end at different steps, so others join mid-batch
    }

    @Test
    void everyStreamGetsTheTextItGetsAloneWhileOthersJoinAndLeave() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            expected.add(generator.generate(TOKENIZER.encode(prompt(s)), tokens(s), OPTIONS, 100 + s,
                    Generator.Decoding.KV_CACHE, (i, id, text) -> true).text());
        }
        List<ContinuousBatching.Stream> streams = new ArrayList<>();
        for (int s = 0; s < 8; s++) {                 // 8 streams, 4 places: the last four wait, then join
            streams.add(batching.submit(TOKENIZER.encode(prompt(s)), tokens(s), OPTIONS, 100 + s, (i, id, text) -> true));
        }
        for (int s = 0; s < 8; s++) {
            GenerationResult result = streams.get(s).result().get(30, TimeUnit.SECONDS);
            assertThat(result.stop()).isEqualTo(GenerationResult.Stop.MAX_TOKENS);
            assertThat(result.text()).as("stream %d", s).isEqualTo(expected.get(s));
        }
    }

    @Test
    void aStreamWhoseSinkSaysStopLeavesAtOnceAndTheOthersGoOn() throws Exception {
        String expected = generator.generate(TOKENIZER.encode(prompt(1)), 30, OPTIONS, 7, Generator.Decoding.KV_CACHE,
                (i, id, text) -> true).text();
        AtomicInteger received = new AtomicInteger();
        ContinuousBatching.Stream leaving = batching.submit(TOKENIZER.encode(prompt(0)), 30, OPTIONS, 3,
                (i, id, text) -> received.incrementAndGet() < 5);   // the client goes after its fifth token
        ContinuousBatching.Stream staying = batching.submit(TOKENIZER.encode(prompt(1)), 30, OPTIONS, 7, (i, id, text) -> true);
        GenerationResult left = leaving.result().get(30, TimeUnit.SECONDS);
        assertThat(left.stop()).isEqualTo(GenerationResult.Stop.SINK);
        assertThat(left.tokens()).hasSize(5);
        assertThat(received).hasValue(5);
        assertThat(staying.result().get(30, TimeUnit.SECONDS).text()).isEqualTo(expected);
    }

    @Test
    void aCancelledStreamStopsAndShortTasksRunBetweenSteps() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ContinuousBatching.Stream stream = batching.submit(TOKENIZER.encode("the"), 10_000, OPTIONS, 1, (i, id, text) -> {
            started.countDown();
            return true;
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // a one-step job rides the same loop while the stream runs
        float[] logits = batching.run(() -> model.extend(model.newCache(4), TOKENIZER.encode("the")).clone()).get(30, TimeUnit.SECONDS);
        assertThat(logits).hasSize(CONFIG.vocabSize());
        stream.cancel();
        GenerationResult result = stream.result().get(30, TimeUnit.SECONDS);
        assertThat(result.stop()).isEqualTo(GenerationResult.Stop.INTERRUPTED);
        assertThat(result.tokens().length).isLessThan(10_000);
    }

    @Test
    void closingEndsRunningAndWaitingStreams() throws Exception {
        List<ContinuousBatching.Stream> streams = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            streams.add(batching.submit(TOKENIZER.encode("a"), 1_000_000, OPTIONS, s, (i, id, text) -> true));
        }
        batching.close();
        for (ContinuousBatching.Stream s : streams) {
            assertThat(s.result().get(30, TimeUnit.SECONDS).stop()).isEqualTo(GenerationResult.Stop.INTERRUPTED);
        }
        assertThat(batching.run(() -> 1)).isCompletedExceptionally();
    }
}
