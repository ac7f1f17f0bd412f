package org.transformerguide.playground.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.transformerguide.playground.inference.ContinuousBatching;
import org.transformerguide.playground.inference.GenerationResult;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.playground.tokenizer.Tokenizer;
import org.transformerguide.playground.checkpoint.CheckpointFile;
import org.transformerguide.playground.checkpoint.LoadedModel;

/**
 * Continuous batching's throughput: N streams started together on one served model (the default model's
 * shape, random weights, block 64), each from a 1-token prompt to 63 generated tokens (context up to 64),
 * sampling included, all advanced by the model's one loop thread. Prints, for N = 1, 8, 32 (and
 * {@code bench.streams}): total tokens/s delivered and the median time to each stream's first token.
 *
 * <p>A main class, not a test: {@code ./mvnw -q -Pbench test-compile exec:exec
 * -Dbench.main=org.transformerguide.playground.bench.BatchingBench}. {@code bench.steps}: timed rounds (5).
 */
public final class BatchingBench {

    private BatchingBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.steps", 5);
        boolean bundled = Boolean.getBoolean("bench.bundled");
        SamplingOptions options = new SamplingOptions(1.0, 0, 1.0);
        int tokens = 63;
        Gpt model;
        Tokenizer tokenizer;
        if (bundled) {                                       // what a classroom is served: the shipped model
            LoadedModel loaded = CheckpointFile.load(ShippedModelBench.bundled());
            model = loaded.model();
            tokenizer = loaded.tokenizer();
            options = new SamplingOptions(0.8, 0, 1.0);      // the widgets' default temperature
            tokens = 60;                                     // a classroom generation (ClassroomLoad)
        } else {
            StringBuilder alphabet = new StringBuilder();
            for (char c = 0; c < GenerationBench.VOCABULARY - 1; c++) {
                alphabet.append(c);
            }
            tokenizer = CharTokenizer.fromCorpus(alphabet.toString());
            model = new Gpt(new GptConfig(4, 4, 128, 64, tokenizer.vocabSize(), 0.0), 1337);
        }
        GptConfig config = model.config();
        System.out.printf(Locale.ROOT, "Kernels: %s; %d cores; load average before: %s; model %s (%s), %d rounds of %d tokens, %s%n",
                Kernels.vectorized() ? "Vector API" : "scalar", Runtime.getRuntime().availableProcessors(),
                TrainStepBench.loadAverage(), config, bundled ? "the bundled default model" : "random weights", rounds, tokens, options);
        int[] counts = {1, 8, 32, Integer.getInteger("bench.streams", 64)};
        try (ContinuousBatching batching = new ContinuousBatching(model, tokenizer, Arrays.stream(counts).max().orElseThrow(), 16,
                "bench-batching")) {
            for (int r = 0; r < 10; r++) {                                  // warm-up: the JIT compiles the step first
                round(batching, counts[counts.length - 1], tokens, options);
            }
            for (int n : counts) {
                round(batching, n, tokens, options);                          // warm-up
                double[] tokensPerSecond = new double[rounds];
                double[] firstToken = new double[rounds];
                long cpuBefore = batching.stats().cpuNanos();
                for (int r = 0; r < rounds; r++) {
                    double[] result = round(batching, n, tokens, options);
                    tokensPerSecond[r] = result[0];
                    firstToken[r] = result[1];
                }
                double cpuPerToken = (batching.stats().cpuNanos() - cpuBefore) / 1e3 / ((double) rounds * n * tokens);
                System.out.printf(Locale.ROOT, "%3d streams: %,8.0f tokens/s in total (median of %d rounds), first token after %.1f ms (median); "
                                + "the loop's CPU time %.1f µs per token (%,.0f tokens per CPU-second)%n",
                        n, median(tokensPerSecond), rounds, median(firstToken), cpuPerToken, 1e6 / cpuPerToken);
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", TrainStepBench.loadAverage());
    }

    /** Starts n streams at once; returns {total tokens/s, median ms to a stream's first token}. */
    private static double[] round(ContinuousBatching batching, int n, int tokens, SamplingOptions options) throws Exception {
        long start = System.nanoTime();
        long[] first = new long[n];
        List<ContinuousBatching.Stream> streams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int stream = i;
            streams.add(batching.submit(new int[] {1 + i % 100}, tokens, options, i, (index, id, text) -> {
                if (index == 0) {
                    first[stream] = System.nanoTime();
                }
                return true;
            }));
        }
        int total = 0;
        for (ContinuousBatching.Stream s : streams) {
            GenerationResult result = s.result().get(120, TimeUnit.SECONDS);
            total += result.tokens().length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] waits = new double[n];
        for (int i = 0; i < n; i++) {
            waits[i] = (first[i] - start) / 1e6;
        }
        return new double[] {total / seconds, median(waits)};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
