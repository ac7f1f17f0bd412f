package org.transformerguide.playground.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import org.transformerguide.TransformerGuideApplication;
import org.transformerguide.playground.checkpoint.LoadedModel;
import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.service.ServedModelRegistry;

/**
 * {@link GenerationBench}'s one stream through the HTTP API: {@code GET /api/playground/generate} read as
 * server-sent events by one client on loopback (keep-alive), the way the playground page reads it.
 * <ul>
 *   <li>tokens/s delivered: a 1-character prompt continued by 63 tokens (context 64), from sending the
 *       request to the last token event, median over the runs;</li>
 *   <li>time to first token: a 63-character prompt (63 tokens), from sending the request to the first
 *       token event, median.</li>
 * </ul>
 * Starts the application in this JVM (random loopback port, in-memory database, temporary data
 * directory, no training) with a random default-shape model registered as "default", unless
 * {@code bench.url} names a running server.
 */
final class HttpGeneration {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HttpGeneration() {
    }

    static void run(int warmup, int steps) throws Exception {
        String url = System.getProperty("bench.url", "");
        Path data = null;
        ConfigurableApplicationContext app = null;
        try {
            if (url.isBlank()) {
                data = Files.createTempDirectory("tg-generation-bench");
                app = SpringApplication.run(TransformerGuideApplication.class, "--server.port=0", "--server.address=127.0.0.1",
                        "--guide.playground.train-on-start=false", "--guide.data-dir=" + data,
                        "--spring.datasource.url=jdbc:h2:mem:generation-bench", "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
                GptConfig config = new GptConfig(4, 4, 128, 64, GenerationBench.VOCABULARY, 0.0);
                app.getBean(ServedModelRegistry.class).register(ServedModelRegistry.DEFAULT,
                        new LoadedModel(new Gpt(config, 1337), GenerationBench.tokenizer(), new TrainingMetadata(0, Double.NaN, "bench")));
                url = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
                waitForQuiet(); // the application renders and indexes the guide in the background after it starts
            }
            String base = url;
            String shortPrompt = "a";
            String longPrompt = "the quick brown fox jumps over the lazy dog and keeps on running!".substring(0, 63);
            for (int i = 0; i < warmup * 4; i++) {
                stream(base, shortPrompt, 63, i);
                stream(base, longPrompt, 1, i);
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            double[] rates = new double[steps];
            double[] ttft = new double[steps];
            double[] between = new double[steps];
            for (int i = 0; i < steps; i++) {
                Timing t = stream(base, shortPrompt, 63, 1000 + i);
                rates[i] = t.tokens / t.lastMillis * 1000;
                between[i] = (t.tokens - 1) / (t.lastMillis - t.firstMillis) * 1000;
                ttft[i] = stream(base, longPrompt, 1, 1000 + i).firstMillis;
            }
            double cpuMillisPerRun = (os.getProcessCpuTime() - cpuStart) / 1e6 / steps; // both requests of a run, server and client
            System.out.printf(Locale.ROOT, "%nHTTP (%s, SSE, one client, %d runs): %.0f tokens/s delivered (63 tokens from a 1-token prompt,"
                            + " request to last token; %.0f tokens/s between the first and the last token), time to first token"
                            + " after a 63-token prompt %.2f ms (medians)%n",
                    url, steps, median(rates), median(between), median(ttft));
            if (System.getProperty("bench.url", "").isBlank()) {
                System.out.printf(Locale.ROOT, "HTTP CPU: %.2f ms of this process's CPU time (server and client, all threads) per run of both"
                        + " requests, i.e. %.0f tokens per CPU-second%n", cpuMillisPerRun, 64 / cpuMillisPerRun * 1000);
            }
        } finally {
            if (app != null) {
                app.close();
            }
            if (data != null) {
                FileSystemUtils.deleteRecursively(data);
            }
        }
    }

    /**
     * Waits (at most 3 minutes) until this process uses under a tenth of a core over a second: the
     * start-up's background work (rendering, search indexes) would otherwise be timed with the requests.
     */
    private static void waitForQuiet() throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        while (System.nanoTime() - start < 180e9) {
            long cpu = os.getProcessCpuTime();
            Thread.sleep(1000);
            if (os.getProcessCpuTime() - cpu < 100_000_000L) {
                break;
            }
        }
        System.out.printf(Locale.ROOT, "%nWaited %.0f s for the application's start-up work to finish%n", (System.nanoTime() - start) / 1e9);
    }

    /** When the first and the last token event arrived, ms after the request was sent, and how many there were. */
    private record Timing(double firstMillis, double lastMillis, int tokens) {
    }

    private static Timing stream(String base, String prompt, int maxTokens, long seed) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/api/playground/generate?prompt=" + URLEncoder.encode(prompt, StandardCharsets.UTF_8)
                + "&maxTokens=" + maxTokens + "&seed=" + seed);
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET().build();
        long start = System.nanoTime();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        double first = Double.NaN;
        double last = Double.NaN;
        int tokens = 0;
        boolean done = false;
        try (Stream<String> lines = response.body()) {
            String event = "";
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && event.equals("token")) {
                    last = (System.nanoTime() - start) / 1e6;
                    if (tokens++ == 0) {
                        first = last;
                    }
                } else if (line.startsWith("data:") && event.equals("done")) {
                    done = true;
                }
            }
        }
        if (!done || tokens != maxTokens) {
            throw new IllegalStateException(uri + ": " + tokens + " token events, done " + done);
        }
        return new Timing(first, last, tokens);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
