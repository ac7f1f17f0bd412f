package org.transformerguide.playground.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.transformerguide.TransformerGuideApplication;
import org.transformerguide.playground.checkpoint.LoadedModel;
import org.transformerguide.playground.inference.ContinuousBatching;
import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.tokenizer.CharTokenizer;

/**
 * A workshop room on loopback: {@code bench.learners} simulated learners ({@link SimulatedLearner}) for
 * {@code bench.seconds}, each signed up, reading pages, searching, ticking progress, asking for the next
 * token and the attention map, and streaming 60-token generations, with {@code bench.think-ms} (mean)
 * between actions, after {@code bench.warm-seconds} (180) of the same room unmeasured: on two cores the
 * JIT compilers take half a core or more for the first two minutes of a saturated room (48.9 s of
 * compiling in a minute measured after 20 s, 4.7 s after 180 s), and a workshop's server has been up
 * for longer than that. Prints per kind of request the count, the
 * 2xx/4xx/429/5xx answers and failures, latency p50/p95/p99, for streams the time to first token and the
 * tokens/s delivered, what the model's loop did (steps, streams per step, its CPU time), and the load
 * average before and after. Asserts nothing.
 *
 * <p>By default it starts the application in this JVM on a free loopback port with an in-memory database
 * and serves the model bundled in the jar (random weights of the default shape if there is none; the
 * checkpoint in {@code bench.model-dir} if given). With {@code bench.url} (loopback only) it loads a
 * running server instead. The load generator shares the machine with the server, as a room's laptops
 * would not: read the figures as an upper bound on the server's latency.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.main=org.transformerguide.playground.bench.ClassroomLoad \
 *     -Dbench.learners=50 -Dbench.seconds=60</pre>
 */
public final class ClassroomLoad {

    private ClassroomLoad() {
    }

    public static void main(String[] args) throws Exception {
        int learners = Integer.getInteger("bench.learners", 50);
        int seconds = Integer.getInteger("bench.seconds", 60);
        long think = Long.getLong("bench.think-ms", 2000);
        String url = System.getProperty("bench.url", "").strip();
        String modelDir = System.getProperty("bench.model-dir", "").strip();

        ConfigurableApplicationContext app = null;
        String base;
        if (url.isEmpty()) {
            List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                    "--guide.playground.train-on-start=false", "--spring.datasource.url=jdbc:h2:mem:classroom", "--logging.level.root=WARN",
                    "--spring.main.banner-mode=off", "--guide.data-dir=" + java.nio.file.Files.createTempDirectory("classroom-load")));
            if (!modelDir.isEmpty()) {
                appArgs.add("--guide.playground.model-dir=" + modelDir);
            }
            app = SpringApplication.run(TransformerGuideApplication.class, appArgs.toArray(String[]::new));
            base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            ServedModelRegistry registry = app.getBean(ServedModelRegistry.class);
            if (registry.find(ServedModelRegistry.DEFAULT).isEmpty()) {
                registry.register(ServedModelRegistry.DEFAULT, randomDefaultModel(app.getBean(PlaygroundProperties.class)));
                System.out.println("Model: the default shape with RANDOM weights (speed only; set bench.model-dir for a trained one)");
            } else {
                System.out.println("Model: the default model the application found at start (" + (modelDir.isEmpty() ? "the one bundled in the jar" : "from " + modelDir) + ")");
            }
            InferencePool pool = app.getBean(InferencePool.class);
            PlaygroundProperties settings = app.getBean(PlaygroundProperties.class);
            System.out.printf(Locale.ROOT, "Server in this JVM: %d inference workers of %d cores, queue %d, queue wait %s, request limit %s%n",
                    pool.workers(), Runtime.getRuntime().availableProcessors(), settings.queueSize(), settings.queueWait(),
                    settings.requestTimeout());
        } else {
            String host = URI.create(url).getHost();
            if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"::1".equals(host)) {
                throw new IllegalArgumentException("bench.url must be a loopback address, not " + host);
            }
            base = url.replaceAll("/+$", "");
            System.out.println("Target: " + base);
        }
        try {
            ContinuousBatching loop = app == null ? null : app.getBean(ServedModelRegistry.class).find(ServedModelRegistry.DEFAULT).orElseThrow().batching();
            run(base, learners, seconds, think, loop);
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    private static void run(String base, int learners, int seconds, long think, ContinuousBatching loop) throws Exception {
        int warmSeconds = Integer.getInteger("bench.warm-seconds", 180);
        String runId = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<SimulatedLearner> room = new ArrayList<>();
        int signedUp = 0;
        for (int i = 0; i < learners; i++) {
            SimulatedLearner learner = new SimulatedLearner(base, i, 0, think, new LoadStats());
            signedUp += learner.signUp(runId) ? 1 : 0; // sign-up before the clock starts: hashing passwords is not the load
            room.add(learner);
        }
        LoadStats stats = new LoadStats();
        warmUp(base, think);
        if (warmSeconds > 0) {                        // the whole room, unmeasured: the JIT compiles the server's paths
            System.out.printf(Locale.ROOT, "warming up: the room for %d s, not measured%n", warmSeconds);
            runRoom(room, warmSeconds, new LoadStats());
        }
        System.out.printf(Locale.ROOT, "%d learners (%d signed up), %d s, mean pause %d ms; load average before: %s%n",
                learners, signedUp, seconds, think, TrainStepBench.loadAverage());
        ContinuousBatching.Stats loopBefore = loop == null ? null : loop.stats();
        long compilingBefore = compilingMillis();
        long start = System.nanoTime();
        runRoom(room, seconds, stats);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String after = TrainStepBench.loadAverage();
        stats.print(elapsed);
        if (loop != null) {
            ContinuousBatching.Stats now = loop.stats();
            long steps = now.steps() - loopBefore.steps();
            long rows = now.rowsStepped() - loopBefore.rowsStepped();
            System.out.printf(Locale.ROOT, "Model loop: %,d batched steps (%.1f streams per step on average), %,d prompt tokens read, %,d short jobs; "
                            + "working %.0f%% of the run, on a core %.0f%% of it%n", steps, steps == 0 ? 0 : (double) rows / steps,
                    now.promptTokens() - loopBefore.promptTokens(), now.tasks() - loopBefore.tasks(),
                    100 * (now.busyNanos() - loopBefore.busyNanos()) / 1e9 / elapsed, 100 * (now.cpuNanos() - loopBefore.cpuNanos()) / 1e9 / elapsed);
        }
        System.out.printf(Locale.ROOT, "JIT compiling during the run: %.1f s%n", (compilingMillis() - compilingBefore) / 1e3);
        System.out.printf(Locale.ROOT, "Load average after: %s (%d cores); run %.1f s%n", after, Runtime.getRuntime().availableProcessors(), elapsed);
    }

    /** Every learner of {@code room} on its own thread for {@code seconds}, counted into {@code stats}. */
    private static void runRoom(List<SimulatedLearner> room, int seconds, LoadStats stats) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < room.size(); i++) {
            Thread thread = new Thread(room.get(i).measuredUntil(end, stats), "learner-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(seconds + 120));
        }
    }

    /** Time the JIT compilers have spent in this JVM (server and load generator alike), in ms. */
    private static long compilingMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** A few requests of each kind first, so JIT compilation is not what the first seconds measure. */
    private static void warmUp(String base, long think) throws Exception {
        SimulatedLearner warm = new SimulatedLearner(base, -1, System.nanoTime() + TimeUnit.SECONDS.toNanos(5), 0, new LoadStats());
        warm.signUp("warm" + System.nanoTime() % 100_000);
        warm.run();
    }

    private static LoadedModel randomDefaultModel(PlaygroundProperties settings) {
        StringBuilder printable = new StringBuilder("\n");
        for (char c = 32; c < 127; c++) {
            printable.append(c);
        }
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(printable.toString());
        Gpt model = new Gpt(settings.preset().withVocabulary(tokenizer.vocabSize()), 1337);
        return new LoadedModel(model, tokenizer, new TrainingMetadata(0, Double.NaN, "random weights (bench)"));
    }
}
