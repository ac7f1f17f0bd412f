package org.transformerguide.playground.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.model.NativeBuild;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.playground.train.AdamW;
import org.transformerguide.playground.train.CosineSchedule;
import org.transformerguide.playground.train.GradientClipping;
import org.transformerguide.playground.train.TokenBatches;

/**
 * nanoGPT's CPU run, measured: character-level tiny Shakespeare (first 90% train, last 10% val), 4 layers,
 * 4 heads, width 128, block 64, batch 12, dropout 0, AdamW (β = 0.9/0.99, weight decay 0.1), gradient
 * clipping at 1, learning rate 1e-3 with 100 warm-up iterations and cosine decay to 1e-4 over all
 * iterations (2000), validation every 250 iterations on 20 batches (nanoGPT's README CPU command) and
 * at the end on 200 batches (nanoGPT's default eval_iters). Prints:
 * <ul>
 *   <li>this machine's sgemm peak (2048³, float32) with 1 and 2 threads, measured first in the same run;</li>
 *   <li>the validation curve, then ms per iteration (median and mean; wall clock, and the main thread's
 *       CPU time, which with one OpenMP thread is all the work and does not count time other programs
 *       took the core), the split into forward, backward and clip + AdamW, the total wall time (evaluations
 *       included, as nanoGPT's figure), the final validation loss;</li>
 *   <li>achieved GFLOP/s by nanoGPT's estimate (6 × parameters × tokens + attention) and its share of
 *       the peak;</li>
 *   <li>PyTorch's figures for the same run, measured by {@code ../shared/bench/pytorch_nanogpt.sh} (nanoGPT's
 *       own train.py) right before ours in the same program, and the ratio of the medians. It needs the
 *       environment variable {@code NANOGPT_GIT} (a snapshot of karpathy/nanoGPT, see the script); without
 *       it, or with {@code -Dbench.pytorch=false}, the comparison is left out, never taken from a constant.</li>
 * </ul>
 * A main class, not a test: timings depend on the machine and on whatever else runs on it.
 *
 * <p>Run from the project root: {@code NANOGPT_GIT=... ./mvnw -q -Pbench test-compile exec:exec}.
 * System properties: {@code playground.corpus} (default {@code ../shared/data/tinyshakespeare.txt}),
 * {@code bench.iterations} (2000), {@code bench.peak} (true: measure the sgemm peak first),
 * {@code bench.pytorch} (true), {@code playground.kernel-threads} (the cores).
 */
public final class TrainStepBench {

    private static final int BATCH = 12;
    private static final int EVAL_INTERVAL = 250;
    private static final int EVAL_BATCHES = 20;
    private static final int FINAL_EVAL_BATCHES = 200;

    private TrainStepBench() {
    }

    public static void main(String[] args) throws IOException {
        NativeBuild.select();
        Kernels.useThreads(true);
        Path corpus = Path.of(System.getProperty("playground.corpus", "../shared/data/tinyshakespeare.txt"));
        int iterations = Integer.getInteger("bench.iterations", 2000);
        boolean measurePeak = Boolean.parseBoolean(System.getProperty("bench.peak", "true"));

        String text = Files.readString(corpus);
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(text);
        int[] ids = tokenizer.encode(text);
        int split = (int) (ids.length * 0.9);
        int[] trainIds = Arrays.copyOfRange(ids, 0, split);   // nanoGPT: first 90% train
        int[] valIds = Arrays.copyOfRange(ids, split, ids.length);
        GptConfig config = GptConfig.nanoGptShakespeareCpu(tokenizer.vocabSize());
        int time = config.blockSize();

        System.out.printf("corpus %s: %,d characters, %d distinct + 1 fallback = vocab %d%n",
                corpus, text.length(), tokenizer.vocabSize() - 1, tokenizer.vocabSize());
        System.out.printf("model %s: %,d parameters, float32, batch %d x %d tokens, %d iterations%n",
                config, config.parameterCount(), BATCH, time, iterations);
        printSettings();
        PyTorchRun pytorch = Boolean.parseBoolean(System.getProperty("bench.pytorch", "true")) ? PyTorchRun.measure(iterations) : null;
        double peak1 = Double.NaN;
        double peak2 = Double.NaN;
        if (measurePeak) {
            peak1 = SgemmPeak.measure(1);
            peak2 = SgemmPeak.measure(2);
            System.out.printf("sgemm peak (2048^3, best of 5): %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on 2 threads%n", peak1, peak2);
        }

        Gpt model = new Gpt(config, 1337);
        AdamW optimizer = AdamW.nanoGptDefaults(model.parameterSet());
        CosineSchedule schedule = new CosineSchedule(1e-3, 1e-4, Math.min(100, iterations / 10), iterations);
        TokenBatches batches = new TokenBatches(trainIds, 1337);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        double[] wall = new double[iterations];
        double[] cpu = new double[iterations];
        double[] forward = new double[iterations];
        double[] backward = new double[iterations];
        double[] update = new double[iterations];
        double lossSum = 0;
        int lossCount = 0;
        System.out.println("iteration | lr | train loss (mean since last) | val loss (" + EVAL_BATCHES + " batches) | elapsed s");
        long start = System.nanoTime();
        for (int it = 0; it < iterations; it++) {
            if (it % EVAL_INTERVAL == 0 && it > 0) {
                System.out.printf("%9d | %.2e | %.4f | %.4f | %6.1f%n", it, schedule.at(it), lossSum / lossCount,
                        validationLoss(model, valIds, time, EVAL_BATCHES), (System.nanoTime() - start) / 1e9);
                lossSum = 0;
                lossCount = 0;
            }
            TokenBatches.Batch batch = batches.next(BATCH, time);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            model.forward(batch.inputs());
            long t1 = System.nanoTime();
            lossSum += model.backward(batch.targets());
            lossCount++;
            long t2 = System.nanoTime();
            GradientClipping.clipGlobalNorm(model.parameterSet(), 1.0);
            optimizer.step(schedule.at(it));
            long t3 = System.nanoTime();
            cpu[it] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            forward[it] = (t1 - t0) / 1e6;
            backward[it] = (t2 - t1) / 1e6;
            update[it] = (t3 - t2) / 1e6;
            wall[it] = (t3 - t0) / 1e6;
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        double finalVal = validationLoss(model, valIds, time, FINAL_EVAL_BATCHES);
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%9d | %.2e | %.4f | %.4f (%d batches) | %6.1f%n", iterations, schedule.at(iterations - 1),
                lossSum / Math.max(1, lossCount), finalVal, FINAL_EVAL_BATCHES, totalSeconds);

        int skip = Math.min(10, iterations / 2); // warm-up: JIT compilation and first allocations
        double[] timed = Arrays.copyOfRange(wall, skip, iterations);
        double medianWall = median(timed);
        double medianCpu = median(Arrays.copyOfRange(cpu, skip, iterations));
        double stepFlops = config.trainingFlopsPerToken(time) * BATCH * time;
        System.out.printf("%nper iteration after %d warm-up iterations: median %.1f ms, mean %.1f ms, min %.1f ms (wall); median %.1f ms main-thread CPU%n",
                skip, medianWall, mean(timed), Arrays.stream(timed).min().orElseThrow(), medianCpu);
        System.out.printf("  split (median): forward %.1f ms, backward %.1f ms, clip + AdamW %.1f ms%n",
                median(Arrays.copyOfRange(forward, skip, iterations)), median(Arrays.copyOfRange(backward, skip, iterations)),
                median(Arrays.copyOfRange(update, skip, iterations)));
        System.out.printf("total wall time %.1f s (training %.1f s, evaluations included), final val loss %.4f over %d batches%n",
                totalSeconds, trainSeconds, finalVal, FINAL_EVAL_BATCHES);
        double achieved = stepFlops / (medianWall / 1e3) / 1e9;
        System.out.printf("%.2f GFLOP per iteration (6 x %,d matmul parameters x %d tokens + attention): %.1f GFLOP/s at the median wall time, %.1f at the median CPU time%n",
                stepFlops / 1e9, config.parameterCount() - (long) config.blockSize() * config.nEmbd(), BATCH * time,
                achieved, stepFlops / (medianCpu / 1e3) / 1e9);
        if (measurePeak) {
            System.out.printf("  = %.0f%% of the 1-thread sgemm peak, %.0f%% of the 2-thread peak%n", 100 * achieved / peak1, 100 * achieved / peak2);
        }
        if (pytorch != null) {
            System.out.printf("PyTorch (measured above, same machine, same program): median %.1f ms/iteration, wall %.1f s, val %.4f, load before it %s%n",
                    pytorch.medianMs(), pytorch.wallSeconds(), pytorch.valLoss(), pytorch.loadBefore());
            System.out.printf("ratio: this engine takes %.2fx PyTorch's median time per iteration (%.1f vs %.1f ms); val loss %.4f vs %.4f%n",
                    medianWall / pytorch.medianMs(), medianWall, pytorch.medianMs(), finalVal, pytorch.valLoss());
        } else {
            System.out.println("PyTorch not measured (set NANOGPT_GIT, see ../shared/bench/pytorch_nanogpt.sh)");
        }
        System.out.printf("load average after: %s%n", loadAverage());
    }

    /** Mean loss over {@code count} random validation windows (a fixed seed, so runs compare). */
    private static double validationLoss(Gpt model, int[] valIds, int time, int count) {
        TokenBatches val = new TokenBatches(valIds, 7);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            TokenBatches.Batch batch = val.next(BATCH, time);
            model.forward(batch.inputs());
            sum += model.loss(batch.targets());
        }
        return sum / count;
    }

    private static void printSettings() {
        System.out.printf("kernels: %s, %d threads for training%n", Kernels.vectorized() ? "Vector API" : "scalar", Kernels.threads());
        var environment = Nd4j.getEnvironment();
        System.out.printf("settings: OMP_NUM_THREADS=%s, ND4J maxThreads=%d, native build %s, cores %d, Java %s%n",
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), environment.maxThreads(),
                NativeBuild.oneDnnLoaded() ? "oneDNN" : "plain (no oneDNN)", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf("load average before: %s%n", loadAverage());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
