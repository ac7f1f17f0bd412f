package org.transformerguide.playground.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.model.NativeBuild;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.playground.train.AdamW;
import org.transformerguide.playground.train.GradientClipping;
import org.transformerguide.playground.train.TokenBatches;

/**
 * Times training steps of nanoGPT's CPU configuration on character-level tiny Shakespeare
 * (4 layers, 4 heads, 128 wide, block 64, batch 12, float32, AdamW, clipping at 1) and prints the
 * median forward, backward, optimizer and total milliseconds per step, the achieved GFLOP/s by
 * nanoGPT's FLOP estimate, and the thread settings it ran with. A main class, not a test: timings
 * depend on the machine and on whatever else runs on it.
 *
 * <p>Run from the project root: {@code ./mvnw -q -Pbench compile exec:exec}, or
 * {@code java -cp target/classes:<dependencies> org.transformerguide.playground.bench.TrainStepBench}.
 * System properties: {@code playground.corpus} (default {@code ../shared/data/tinyshakespeare.txt}),
 * {@code bench.warmup} (5), {@code bench.steps} (20), {@code bench.profile} (false: true prints ND4J's
 * per-op profile of the timed steps instead, which slows them down). Set {@code OMP_NUM_THREADS} before
 * starting the JVM to the number of cores that are really free.
 */
public final class TrainStepBench {

    private static final int BATCH = 12;

    private TrainStepBench() {
    }

    public static void main(String[] args) throws IOException {
        NativeBuild.select();
        Path corpus = Path.of(System.getProperty("playground.corpus", "../shared/data/tinyshakespeare.txt"));
        int warmup = Integer.getInteger("bench.warmup", 5);
        int steps = Integer.getInteger("bench.steps", 20);
        boolean profile = Boolean.getBoolean("bench.profile");

        String text = Files.readString(corpus);
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(text);
        int[] ids = tokenizer.encode(text);
        int[] train = Arrays.copyOf(ids, (int) (ids.length * 0.9)); // nanoGPT: first 90% train
        GptConfig config = GptConfig.nanoGptShakespeareCpu(tokenizer.vocabSize());
        int time = config.blockSize();
        Gpt model = new Gpt(config, DataType.FLOAT, 1337);
        AdamW optimizer = AdamW.nanoGptDefaults(model.parameterSet());
        TokenBatches batches = new TokenBatches(train, 1337);

        System.out.printf("corpus %s: %,d characters, %d distinct + 1 fallback = vocab %d%n",
                corpus, text.length(), tokenizer.vocabSize() - 1, tokenizer.vocabSize());
        System.out.printf("model %s: %,d parameters, float32, batch %d x %d tokens%n",
                config, config.parameterCount(), BATCH, time);
        printSettings();

        double[] forward = new double[steps];
        double[] backward = new double[steps];
        double[] update = new double[steps];
        double[] total = new double[steps];
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        for (int step = -warmup; step < steps; step++) {
            if (step == 0 && profile) {
                Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.ALL);
                OpProfiler.getInstance().reset();
            }
            TokenBatches.Batch batch = batches.next(BATCH, time);
            long t0 = System.nanoTime();
            model.forward(batch.inputs());
            long t1 = System.nanoTime();
            double loss = model.backward(batch.targets());
            long t2 = System.nanoTime();
            GradientClipping.clipGlobalNorm(model.parameterSet(), 1.0);
            optimizer.step(1e-3);
            long t3 = System.nanoTime();
            if (step == -warmup) {
                firstLoss = loss;
            }
            lastLoss = loss;
            if (step >= 0) {
                forward[step] = (t1 - t0) / 1e6;
                backward[step] = (t2 - t1) / 1e6;
                update[step] = (t3 - t2) / 1e6;
                total[step] = (t3 - t0) / 1e6;
            }
        }
        if (profile) {
            OpProfiler.getInstance().printOutDashboard();
        }

        double stepFlops = config.trainingFlopsPerToken(time) * BATCH * time;
        double medianTotal = median(total);
        System.out.printf("loss %.3f (first warm-up step) -> %.3f (step %d)%n", firstLoss, lastLoss, warmup + steps);
        System.out.printf("median of %d steps after %d warm-up: forward %.1f ms, backward %.1f ms, clip+AdamW %.1f ms, total %.1f ms/step (min %.1f, max %.1f)%n",
                steps, warmup, median(forward), median(backward), median(update), medianTotal,
                Arrays.stream(total).min().orElseThrow(), Arrays.stream(total).max().orElseThrow());
        System.out.printf("%.2f GFLOP per step (6 x %,d matmul parameters x %d tokens + attention) -> %.1f GFLOP/s achieved%n",
                stepFlops / 1e9, config.parameterCount() - (long) config.blockSize() * config.nEmbd(), BATCH * time,
                stepFlops / (medianTotal / 1e3) / 1e9);
        System.out.printf("load average after: %s%n", loadAverage());
    }

    private static void printSettings() {
        var environment = Nd4j.getEnvironment();
        var info = Nd4j.getExecutioner().getEnvironmentInformation();
        System.out.printf("settings: OMP_NUM_THREADS=%s, ND4J maxThreads=%d, maxMasterThreads=%d, BLAS %s %d.%d.%d, cores %s, Java %s%n",
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), environment.maxThreads(), environment.maxMasterThreads(),
                info.getProperty("blas.vendor", "?"), environment.blasMajorVersion(), environment.blasMinorVersion(),
                environment.blasPatchVersion(), info.getOrDefault("cores", "?"), System.getProperty("java.version"));
        System.out.printf("load average before: %s%n", loadAverage());
    }

    private static String loadAverage() {
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
}
