package org.transformerguide.playground.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.transformerguide.playground.inference.Generator;
import org.transformerguide.playground.inference.Generator.Decoding;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.SequenceCache;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.CharTokenizer;

/**
 * Generation speed of the default model's shape (4 layers, 4 heads, width 128, vocabulary 129: the
 * guide's 128 characters and the fallback), RANDOM weights (speed does not depend on the values), at
 * context 64 (block 64, the default model) and 256 (the same model with block 256). Per context:
 * <ul>
 *   <li>the model alone: mean time of one cached step ({@link Gpt#extend} of one token) over a whole
 *       sequence of {@code context} tokens, and of a full forward pass over {@code context} tokens;</li>
 *   <li>one stream end to end through {@link Generator} (sampling included), from a 1-token prompt to
 *       {@code context} tokens: median tokens/s;</li>
 *   <li>time to first token after a {@code context − 1}-token prompt (median);</li>
 *   <li>total tokens/s of 8 and 32 concurrent streams (one thread each, all on one shared model);</li>
 *   <li>with {@code bench.peak}, the FLOP bound: 2 × parameters FLOPs per token (plus attention over the
 *       context) at the sgemm peak measured at the start with all cores.</li>
 * </ul>
 * Then the same one stream through the HTTP API ({@link HttpGeneration}): the application started in
 * this JVM on a random loopback port (or {@code -Dbench.url=http://host:port}, a running server whose
 * default model is then what is measured), one SSE client.
 *
 * <p>A main class, not a test: {@code ./mvnw -q -Pbench test-compile exec:exec
 * -Dbench.main=org.transformerguide.playground.bench.GenerationBench}. System properties: {@code bench.steps}
 * (20: timed repetitions), {@code bench.warmup} (5), {@code bench.peak}, {@code bench.generator} (true: the table),
 * {@code bench.http} (true).
 */
public final class GenerationBench {

    static final int VOCABULARY = 129;

    private GenerationBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 5);
        int steps = Integer.getInteger("bench.steps", 20);
        System.out.printf(Locale.ROOT, "Kernels: %s; %d cores; Java %s; load average before: %s; %d warm-up + %d timed runs%n",
                Kernels.vectorized() ? "Vector API" : "scalar (no --add-modules jdk.incubator.vector)",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), TrainStepBench.loadAverage(),
                warmup, steps);
        double peak = Boolean.parseBoolean(System.getProperty("bench.peak", "false"))
                ? SgemmPeak.measure(Runtime.getRuntime().availableProcessors()) : Double.NaN;
        if (!Double.isNaN(peak)) {
            System.out.printf(Locale.ROOT, "sgemm peak (ND4J, 2048^3, all cores): %.1f GFLOP/s%n", peak);
        }
        System.out.println("Random weights: the figures are speeds only. Targets (context 64): Generator >= 4,000 tok/s,"
                + " HTTP >= 2,000 tok/s, TTFT < 20 ms.");
        System.out.println("\nIn brackets: per second of the thread's CPU time (what a quiet core would give; the wall figures suffer from other load).");
        System.out.println("context | cached step us | full forward ms | Generator tok/s (CPU) | TTFT ms (CPU ms) | 8 streams tok/s | 32 streams tok/s | FLOP bound tok/s");
        int[] contexts = Boolean.parseBoolean(System.getProperty("bench.generator", "true")) ? new int[] {64, 256} : new int[0];
        for (int context : contexts) {
            GptConfig config = new GptConfig(4, 4, 128, context, VOCABULARY, 0.0);
            Gpt model = new Gpt(config, 1337);
            Generator generator = new Generator(model, tokenizer());
            int[] tokens = new Random(1).ints(context, 0, VOCABULARY).toArray();

            double step = median(warmup, steps, () -> {
                SequenceCache cache = model.newCache(1);
                for (int token : tokens) {
                    model.extend(cache, new int[] {token});
                }
            }) * 1000 / context;
            Gpt.Activations activations = model.newActivations(1, context, false);
            double full = median(warmup, steps, () -> model.forward(new int[][] {tokens}, activations));

            SamplingOptions options = SamplingOptions.unfiltered();
            Runnable generate = () -> generator.generate(new int[] {0}, context - 1, options, 42, Decoding.KV_CACHE, (i, id, text) -> true);
            double oneStream = (context - 1) / median(warmup, steps, generate) * 1000;
            double oneStreamCpu = (context - 1) / cpuMillis(steps, generate) * 1000;
            int[] prompt = Arrays.copyOf(tokens, context - 1);
            Runnable first = () -> generator.generate(prompt, 1, options, 42, Decoding.KV_CACHE, (i, id, text) -> true);
            double firstToken = median(warmup, steps, first);
            double firstTokenCpu = cpuMillis(steps, first);
            double streams8 = concurrent(generator, 8, context - 1);
            double streams32 = concurrent(generator, 32, context - 1);

            double flopsPerToken = 2.0 * (config.parameterCount() - (double) config.blockSize() * config.nEmbd())
                    + 4.0 * config.nLayer() * config.nEmbd() * context; // Q·K and P·V over the context
            System.out.printf(Locale.ROOT, "%d | %.1f | %.2f | %.0f (%.0f) | %.2f (%.2f) | %.0f | %.0f | %.0f%n", context, step, full,
                    oneStream, oneStreamCpu, firstToken, firstTokenCpu, streams8, streams32, peak * 1e9 / flopsPerToken);
        }

        if (Boolean.parseBoolean(System.getProperty("bench.http", "true"))) {
            HttpGeneration.run(warmup, steps);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", TrainStepBench.loadAverage());
    }

    /** The default model's character tokenizer shape: 128 printable characters and the fallback. */
    static CharTokenizer tokenizer() {
        StringBuilder text = new StringBuilder();
        for (char c = ' '; text.length() < VOCABULARY - 1; c++) {
            text.append(c);
        }
        return CharTokenizer.fromCorpus(text.toString());
    }

    /** Total tokens/s of {@code streams} threads generating {@code tokens} tokens each at once, each with its own cache. */
    private static double concurrent(Generator generator, int streams, int tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            double best = 0;
            for (int round = 0; round < 3; round++) { // the first round warms up; the best of the other two
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
                double rate = (double) streams * tokens / ((System.nanoTime() - start) / 1e9);
                best = round == 0 ? 0 : Math.max(best, rate);
            }
            return best;
        } finally {
            pool.shutdown();
        }
    }

    /** Mean CPU time of this thread per run of {@code step}, ms: the work itself, whatever else the cores are doing. */
    static double cpuMillis(int runs, Runnable step) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            step.run();
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e6 / runs;
    }

    /** Median wall time of {@code step} in ms after {@code warmup} untimed runs. */
    static double median(int warmup, int steps, Runnable step) {
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
}
