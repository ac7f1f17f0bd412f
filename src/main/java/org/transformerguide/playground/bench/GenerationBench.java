package org.transformerguide.playground.bench;

import java.util.Arrays;
import java.util.Random;
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
 * Single-stream generation speed of nanoGPT's CPU model shape (4 layers, 4 heads, 128 wide, vocab 65)
 * with blockSize 256 and random weights (speed does not depend on the values), float32:
 * <ul>
 *   <li>the model's cost per next token at context 64 and 256: a full forward pass over the context
 *       versus one {@link KvCache} step with that many tokens cached (medians, logits only);</li>
 *   <li>end to end through {@link Generator} (sampling and callbacks included): a 1-token prompt
 *       continued to 64 and to 256 tokens, both decodings;</li>
 *   <li>time to the first token after a 255-token prompt.</li>
 * </ul>
 * A main class, not a test: timings depend on the machine and its load. Run with
 * {@code OMP_NUM_THREADS=1 ./mvnw -q -Pbench -Dbench.main=org.transformerguide.playground.bench.GenerationBench compile exec:exec}.
 * System properties: {@code bench.warmup} (5), {@code bench.steps} (20).
 */
public final class GenerationBench {

    private GenerationBench() {
    }

    public static void main(String[] args) {
        NativeBuild.select();
        int warmup = Integer.getInteger("bench.warmup", 5);
        int steps = Integer.getInteger("bench.steps", 20);
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(printableAscii(64)); // 64 characters + fallback = 65
        GptConfig config = new GptConfig(4, 4, 128, 256, tokenizer.vocabSize(), 0.0);
        Gpt model = new Gpt(config, DataType.FLOAT, 1337);
        System.out.printf("model %s: %,d parameters, float32, random weights%n", config, config.parameterCount());
        System.out.printf("OMP_NUM_THREADS=%s, ND4J threads %d, load average %.2f, %d warm-up + %d timed%n",
                System.getenv("OMP_NUM_THREADS"), Nd4j.getEnvironment().maxThreads(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), warmup, steps);

        Random random = new Random(1);
        int[] tokens = random.ints(config.blockSize(), 0, config.vocabSize()).toArray();
        System.out.println("\nPer next token, logits only (median ms; tokens/s = 1000 / median)");
        System.out.println("context | full forward ms | tok/s | KV-cache step ms | tok/s | speed-up");
        for (int context : new int[] {64, 256}) {
            int[][] window = {Arrays.copyOf(tokens, context)};
            double full = median(warmup, steps, () -> model.forward(window));
            KvCache cache = new KvCache(model);
            cache.append(Arrays.copyOf(tokens, context - 1));
            double cached = median(warmup * 4, steps * 5, () -> {
                cache.truncate(context - 1);
                cache.appendOne(tokens[context - 1]); // the step that reads token `context`
            });
            cache.truncate(context - 1);
            float[] fromCache = cache.appendOne(tokens[context - 1]);                   // sanity check: same logits
            float[] fromFull = model.forward(window).get(NDArrayIndex.point(0), NDArrayIndex.point(context - 1), NDArrayIndex.all()).toFloatVector();
            double maxDiff = 0;
            for (int v = 0; v < fromFull.length; v++) {
                maxDiff = Math.max(maxDiff, Math.abs(fromFull[v] - fromCache[v]));
            }
            System.out.printf("%7d | %15.2f | %5.0f | %16.3f | %5.0f | %.1fx (max |logit difference| %.1e)%n",
                    context, full, 1000 / full, cached, 1000 / cached, full / cached, maxDiff);
            model.releaseBuffers();
        }

        System.out.println("\nEnd to end through Generator (1-token prompt, temperature 1, seed 42; wall time per generated token)");
        System.out.println("tokens | decoding | total s | tok/s");
        Generator generator = new Generator(model, tokenizer);
        SamplingOptions options = SamplingOptions.unfiltered();
        generator.generate(new int[] {0}, 32, options, 1, Decoding.KV_CACHE, (i, id, text) -> true);     // warm-up
        generator.generate(new int[] {0}, 32, options, 1, Decoding.FULL_FORWARD, (i, id, text) -> true); // warm-up
        for (int length : new int[] {63, 255}) {
            for (Decoding decoding : Decoding.values()) {
                long start = System.nanoTime();
                generator.generate(new int[] {0}, length, options, 42, decoding, (i, id, text) -> true);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%6d | %-12s | %7.2f | %5.0f%n", length + 1, decoding, seconds, length / seconds);
            }
        }

        System.out.println("\nTime to first token after a 255-token prompt (median ms; the KV cache reads the prompt as one batch)");
        int[] prompt = Arrays.copyOf(tokens, 255);
        for (Decoding decoding : Decoding.values()) {
            double ms = median(2, Math.max(5, steps / 4), () -> generator.generate(prompt, 1, options, 42, decoding, (i, id, text) -> true));
            System.out.printf("%-12s | %7.2f ms%n", decoding, ms);
        }
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

    private static String printableAscii(int count) {
        StringBuilder text = new StringBuilder();
        for (char c = ' '; text.length() < count; c++) {
            text.append(c);
        }
        return text.toString();
    }
}
