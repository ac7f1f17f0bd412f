package org.transformerguide.playground.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * One learner of the simulated room: their own browser (cookie jar, so their own session and account),
 * doing what a reader of the guide does in a workshop, with a pause between actions. The mix (out of 100):
 * 35 page views, 12 searches, 10 progress ticks, 15 next-token, 10 attention, 18 generate streams of 60
 * tokens (the sampler widget).
 */
final class SimulatedLearner implements Runnable {

    static final List<String> PAGES = List.of("/", "/guide/transformers", "/guide/nn_intro", "/guide/glossary", "/guide/mlp_intro");
    private static final List<String> SEARCHES = List.of("attention", "softmax", "causal mask", "backpropagation", "embedding",
            "layer norm", "gradient descent", "tokenizer");
    private static final List<String> ITEMS = List.of("nn-xor", "nn-neuron", "nn-loss", "nn-backprop", "mlp-softmax", "mlp-gradients",
            "bt-tokens", "ks-rag");
    private static final List<String> PROMPTS = List.of("The transformer", "Attention is", "A neural network", "The softmax of",
            "Each token", "The gradient");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String base;
    private final int number;
    private long endNanos;
    private final long thinkMillis;
    private LoadStats stats;
    private final Random random;
    private final HttpClient http;
    private String csrfHeader;
    private String csrfToken;

    SimulatedLearner(String base, int number, long endNanos, long thinkMillis, LoadStats stats) {
        this.base = base;
        this.number = number;
        this.endNanos = endNanos;
        this.thinkMillis = thinkMillis;
        this.stats = stats;
        this.random = new Random(1000 + number);
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** From now on, records into {@code stats} and stops at {@code end} (a {@link System#nanoTime()} value). */
    SimulatedLearner measuredUntil(long end, LoadStats into) {
        this.endNanos = end;
        this.stats = into;
        return this;
    }

    /** Signs up (so progress ticks are the real, signed-in API) before the measured run; false if refused. */
    boolean signUp(String runId) throws IOException, InterruptedException {
        String token = field(get("/api/csrf").body(), "token");
        String password = URLEncoder.encode("a long bench password " + number, StandardCharsets.UTF_8);
        String form = "username=load" + runId + "x" + number + "&password=" + password + "&confirm=" + password + "&_csrf=" + token;
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/signup")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = get("/api/csrf").body(); // the session changed at sign-up, and with it the token
        csrfHeader = field(csrf, "headerName");
        csrfToken = field(csrf, "token");
        return answer.statusCode() == 302;
    }

    @Override
    public void run() {
        try {
            Thread.sleep(random.nextInt((int) Math.max(1, thinkMillis))); // the room does not click in step
            while (System.nanoTime() < endNanos) {
                int pick = random.nextInt(100);
                if (pick < 35) {
                    timed("page", HttpRequest.newBuilder(uri(PAGES.get(random.nextInt(PAGES.size())))).GET());
                } else if (pick < 47) {
                    timed("search", HttpRequest.newBuilder(uri("/api/search?q=" + enc(SEARCHES.get(random.nextInt(SEARCHES.size()))))).GET());
                } else if (pick < 57) {
                    String item = ITEMS.get(random.nextInt(ITEMS.size()));
                    timed("tick", HttpRequest.newBuilder(uri("/api/progress/items/" + item)).header("Content-Type", "application/json")
                            .header(csrfHeader, csrfToken).PUT(HttpRequest.BodyPublishers.ofString("{\"checked\": " + random.nextBoolean() + "}")));
                } else if (pick < 72) {
                    timed("next-token", HttpRequest.newBuilder(uri("/api/playground/next-token?prompt=" + prompt() + "&temperature=0.8")).GET());
                } else if (pick < 82) {
                    timed("attention", HttpRequest.newBuilder(uri("/api/playground/attention?prompt=" + prompt())).GET());
                } else {
                    generate();
                }
                Thread.sleep(thinkMillis / 2 + random.nextInt((int) Math.max(1, thinkMillis)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void timed(String kind, HttpRequest.Builder request) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            stats.kind(kind).record(answer.statusCode(), (System.nanoTime() - start) / 1e6);
        } catch (IOException e) {
            stats.kind(kind).failed();
        }
    }

    /** A 60-token stream read as it arrives: time to first token, tokens, and whether it waited in the queue. */
    private void generate() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/playground/generate?maxTokens=60&temperature=0.8&prompt=" + prompt()))
                .header("Accept", "text/event-stream").timeout(TIMEOUT).GET().build();
        long start = System.nanoTime();
        LoadStats.Kind kind = stats.kind("generate");
        try {
            HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            double ttft = -1;
            int tokens = 0;
            boolean queued = false;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:token")) {
                        if (tokens++ == 0) {
                            ttft = (System.nanoTime() - start) / 1e6;
                        }
                    } else if (line.startsWith("event:queued")) {
                        queued = true;
                    } else if (line.startsWith("event:busy")) {
                        kind.record(429, (System.nanoTime() - start) / 1e6); // refused after waiting: counted as a 429
                        kind.stream(-1, tokens, true);
                        return;
                    }
                }
            }
            kind.record(answer.statusCode(), (System.nanoTime() - start) / 1e6);
            kind.stream(ttft, tokens, queued);
        } catch (IOException e) {
            kind.failed();
        }
    }

    private String prompt() {
        return enc(PROMPTS.get(random.nextInt(PROMPTS.size())));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    }
}
