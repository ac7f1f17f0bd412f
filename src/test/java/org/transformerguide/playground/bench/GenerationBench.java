package org.transformerguide.playground.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.transformerguide.playground.inference.Generator;
import org.transformerguide.playground.inference.Generator.Decoding;
import org.transformerguide.playground.inference.KvCache;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.model.NativeBuild;
import org.transformerguide.playground.tokenizer.CharTokenizer;

/**
 * Generation speed, float32, RANDOM weights (speed does not depend on the values), for two model
 * shapes: the default model (4 layers, 4 heads, width 128, vocabulary 129: the guide's 128 characters
 * and the fallback) and nanoGPT's CPU model (the same with vocabulary 66), each with block size 64 and,
 * for context 256, the same model with block size 256. Per shape and context (64, 256):
 * <ul>
 *   <li>single stream: the cost of one next token with {@code context − 1} tokens already cached (a
 *       {@link KvCache} step, logits only; median wall time, and the thread's mean CPU time, which
 *       does not count time other programs took the core) and without the cache (a full forward pass over the
 *       context), and end to end through {@link Generator} (sampling included) from a 1-token prompt to
 *       {@code context} tokens;</li>
 *   <li>time to first token after a {@code context − 1}-token prompt (KV cache; median);</li>
 *   <li>aggregate tokens/s of 8 and 32 concurrent streams (one thread and one KV cache each, all on one
 *       shared model), each generating {@code context − 1} tokens from a 1-token prompt;</li>
 *   <li>the FLOP-bound limit: 2 × parameters FLOPs per token (plus attention over the context) at the
 *       sgemm peak measured at the start of the run with all cores.</li>
 * </ul>
 * A main class, not a test. Run with {@code OMP_NUM_THREADS=1 ./mvnw -q -Pbench
 * -Dbench.main=org.transformerguide.playground.bench.GenerationBench compile exec:exec}.
 * System properties: {@code bench.warmup} (5), {@code bench.steps} (20).
 */
public final class GenerationBench {

    private GenerationBench() {
    }

    public static void main(String[] args) throws Exception {
        NativeBuild.select();
        int warmup = Integer.getInteger("bench.warmup", 5);
        int steps = Integer.getInteger("bench.steps", 20);
        System.out.printf("OMP_NUM_THREADS=%s, ND4J threads %d, native build %s, load average before %s; %d warm-up + %d timed%n",
                System.getenv("OMP_NUM_THREADS"), Nd4j.getEnvironment().maxThreads(), NativeBuild.oneDnnLoaded() ? "oneDNN" : "plain",
                TrainStepBench.loadAverage(), warmup, steps);
        int cores = Runtime.getRuntime().availableProcessors();
        double peak = SgemmPeak.measure(cores);
        System.out.printf("sgemm peak (2048^3, %d threads): %.1f GFLOP/s%n", cores, peak);
        System.out.println("Random weights: the figures are speeds only.");

        System.out.println("\nmodel | context | KV step ms (CPU ms) | KV tok/s | full forward ms (CPU ms) | full tok/s | Generator tok/s (KV) | TTFT ms | 8 streams tok/s | 32 streams tok/s | FLOP bound tok/s");
        for (int vocabulary : new int[] {129, 66}) {
            String name = vocabulary == 129 ? "default (V 129)" : "nanoGPT (V 66)";
            for (int context : new int[] {64, 256}) {
                GptConfig config = new GptConfig(4, 4, 128, context, vocabulary, 0.0);
                Gpt model = new Gpt(config, DataType.FLOAT, 1337);
                CharTokenizer tokenizer = CharTokenizer.fromCorpus(printable(vocabulary - 1));
                Generator generator = new Generator(model, tokenizer);
                int[] tokens = new Random(1).ints(context, 0, vocabulary).toArray();

                KvCache cache = new KvCache(model);
                cache.append(Arrays.copyOf(tokens, context - 1));
                Runnable oneStep = () -> {
                    cache.truncate(context - 1);
                    cache.appendOne(tokens[context - 1]); // reads token `context` with context − 1 cached
                };
                double step = median(warmup * 4, steps * 5, oneStep);
                double stepCpu = cpuMillis(steps * 20, oneStep);
                checkSameLogits(model, cache, tokens, context);
                int[][] window = {tokens};
                double full = median(warmup, steps, () -> model.forward(window));
                double fullCpu = cpuMillis(steps, () -> model.forward(window));
                model.releaseBuffers();

                SamplingOptions options = SamplingOptions.unfiltered();
                generator.generate(new int[] {0}, context - 1, options, 1, Decoding.KV_CACHE, (i, id, text) -> true); // warm-up
                long start = System.nanoTime();
                generator.generate(new int[] {0}, context - 1, options, 42, Decoding.KV_CACHE, (i, id, text) -> true);
                double endToEnd = (context - 1) / ((System.nanoTime() - start) / 1e9);

                int[] prompt = Arrays.copyOf(tokens, context - 1);
                double firstToken = median(2, Math.max(5, steps / 2),
                        () -> generator.generate(prompt, 1, options, 42, Decoding.KV_CACHE, (i, id, text) -> true));

                double streams8 = concurrent(generator, 8, context - 1);
                double streams32 = concurrent(generator, 32, context - 1);

                double flopsPerToken = 2.0 * (config.parameterCount() - (double) config.blockSize() * config.nEmbd())
                        + 4.0 * config.nLayer() * config.nEmbd() * context; // Q·K and P·V over the context
                System.out.printf("%s, block %d | %d | %.3f (%.3f) | %.0f | %.2f (%.2f) | %.0f | %.0f | %.2f | %.0f | %.0f | %.0f%n",
                        name, context, context, step, stepCpu, 1000 / step, full, fullCpu, 1000 / full, endToEnd, firstToken, streams8, streams32,
                        peak * 1e9 / flopsPerToken);
            }
        }
        System.out.printf("load average after: %s%n", TrainStepBench.loadAverage());
    }

    /** Tokens/s of {@code streams} threads generating {@code tokens} tokens each at once, each with its own KV cache. */
    private static double concurrent(Generator generator, int streams, int tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            for (int round = 0; round < 2; round++) { // the first round warms up the threads' buffers
                List<Future<?>> running = new ArrayList<>();
                long start = System.nanoTime();
                for (int s = 0; s < streams; s++) {
                    long seed = s;
                    running.add(pool.submit(() -> generator.generate(new int[] {0}, tokens, SamplingOptions.unfiltered(), seed,
                            Decoding.KV_CACHE, (i, id, text) -> true)));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                if (round == 1) {
                    return (double) streams * tokens / ((System.nanoTime() - start) / 1e9);
                }
            }
            throw new AssertionError();
        } finally {
            pool.shutdown();
        }
    }

    /** The cached step must give the full forward pass's logits (else the timing compares different work). */
    private static void checkSameLogits(Gpt model, KvCache cache, int[] tokens, int context) {
        cache.truncate(context - 1);
        float[] fromCache = cache.appendOne(tokens[context - 1]);
        float[] fromFull = model.forward(new int[][] {tokens}).get(NDArrayIndex.point(0), NDArrayIndex.point(context - 1), NDArrayIndex.all()).toFloatVector();
        for (int v = 0; v < fromFull.length; v++) {
            if (Math.abs(fromFull[v] - fromCache[v]) > 1e-4) {
                throw new IllegalStateException("KV cache and full forward disagree at logit " + v + ": " + fromCache[v] + " vs " + fromFull[v]);
            }
        }
    }

    /** Mean CPU time of this thread per run of {@code step}, ms: the work itself, whatever else the cores are doing. */
    private static double cpuMillis(int runs, Runnable step) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            step.run();
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e6 / runs;
    }

    private static double median(int warmup, int steps, Runnable step) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[steps / 2];
    }

    /** {@code count} distinct characters from the space onwards (the tokenizer adds the fallback). */
    private static String printable(int count) {
        StringBuilder text = new StringBuilder();
        for (char c = ' '; text.length() < count; c++) {
            text.append(c);
        }
        return text.toString();
    }
}
