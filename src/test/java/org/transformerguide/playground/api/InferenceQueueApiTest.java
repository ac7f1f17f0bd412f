package org.transformerguide.playground.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.transformerguide.playground.checkpoint.LoadedModel;
import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.InferenceQueue;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.tokenizer.CharTokenizer;

/**
 * The waiting line seen from a client, over a real connection: one worker, room for three waiting
 * requests, a three-second wait. The worker is held by a job submitted here, as another learner's
 * generation would hold it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "guide.playground.workers=1", "guide.playground.queue-size=3", "guide.playground.queue-wait=3s"})
@ActiveProfiles("test")
class InferenceQueueApiTest {

    @LocalServerPort
    private int port;
    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private InferencePool pool;

    @BeforeEach
    void tinyModel() {
        PlaygroundIdle.untilIdle(pool);
        if (registry.find(ServedModelRegistry.DEFAULT).isEmpty()) {
            CharTokenizer tokenizer = CharTokenizer.fromCorpus("the quick brown fox jumps over the lazy dog. ");
            Gpt model = new Gpt(new GptConfig(2, 2, 16, 16, tokenizer.vocabSize(), 0.0), 3);
            registry.register(ServedModelRegistry.DEFAULT, new LoadedModel(model, tokenizer, new TrainingMetadata(0, Double.NaN, "test")));
        }
    }

    private InferencePool.Ticket<Boolean> hold(String learner, CountDownLatch release) {
        return pool.submit(learner, InferenceQueue.Lane.STREAM, () -> release.await(60, TimeUnit.SECONDS), ahead -> { }, () -> { });
    }

    private CompletableFuture<EventStreamClient.Stream> generateLater(String query) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return EventStreamClient.get(port, "/api/playground/generate?" + query, Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWaitingStreamIsToldItsPlaceThenStreams() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        try {
            hold("first", releaseFirst);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
            hold("second", releaseSecond); // waits: one request ahead of the stream
            HttpResponse<java.util.stream.Stream<String>> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/playground/generate?prompt=the&maxTokens=5&seed=3"))
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(answer.statusCode()).isEqualTo(200);
            // Read as the events come, moving the line along as they are seen: first is let go once the
            // stream hears it has one request ahead, second once it hears it is next.
            List<String> events = new java.util.ArrayList<>();
            String name = null;
            for (String line : (Iterable<String>) answer.body()::iterator) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String data = line.substring(5);
                    events.add(name.equals("queued") ? "queued " + data.replaceAll("\\D", "") : name);
                    if (data.contains("\"ahead\":1")) {
                        releaseFirst.countDown();
                    } else if (data.contains("\"ahead\":0")) {
                        releaseSecond.countDown();
                    }
                }
            }
            assertThat(events).startsWith("queued 1", "queued 0", "token").endsWith("token", "done");
            assertThat(events.stream().filter("token"::equals)).hasSize(5);
        } finally {
            releaseFirst.countDown();
            releaseSecond.countDown();
        }
    }

    @Test
    void aLearnerWhoFloodsWaitsBehindThemselvesWhileAnotherLearnerIsServedNext() throws Exception {
        HttpClient flooder = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpClient other = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        for (HttpClient browser : List.of(flooder, other)) { // each gets its session (the learner) first
            assertThat(browser.send(request("/api/playground/next-token?prompt=the", "application/json"),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        CountDownLatch release = new CountDownLatch(1);
        try {
            hold("holder", release);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
            // each stream is read as it arrives: its first event says where it stands when it joins
            java.util.Iterator<String> flood1 = open(flooder, 1);
            assertThat(nextEvent(flood1)).isEqualTo("queued 0");
            java.util.Iterator<String> flood2 = open(flooder, 2);
            assertThat(nextEvent(flood2)).isEqualTo("queued 1");
            java.util.Iterator<String> served = open(other, 9);
            assertThat(nextEvent(served)).as("only the flooder's first request before it").isEqualTo("queued 1");
            assertThat(nextEvent(flood2)).as("the other learner's turn comes before the flooder's second").isEqualTo("queued 2");

            release.countDown();
            // From here the line only moves up: flood1 runs, then served, then flood2. Positions go out on the
            // queue's own thread, so a notice can lose the race with the start it announces (flood1's 20
            // tokens of a tiny model can end first) and is then not sent: a notice may be missing, never
            // out of order.
            assertThat(noticesBeforeFirstToken(served)).as("served moves up to the front, then streams").isSubsetOf("queued 0");
            assertThat(noticesBeforeFirstToken(flood2)).as("the flooder's second waits behind the other learner's stream")
                    .isSubsetOf("queued 1", "queued 0").doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
            for (java.util.Iterator<String> stream : List.of(flood1, served, flood2)) {
                String last = null;
                for (String event; (event = nextEvent(stream)) != null; ) {
                    last = event;
                }
                assertThat(last).isEqualTo("done");
            }
        } finally {
            release.countDown();
        }
    }

    /** A generate stream of 20 tokens, open; its lines as they come. */
    private java.util.Iterator<String> open(HttpClient browser, int seed) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> answer = browser.send(
                request("/api/playground/generate?prompt=the&maxTokens=20&seed=" + seed, "text/event-stream"), HttpResponse.BodyHandlers.ofLines());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body().iterator();
    }

    /** The queue notices a stream gets before its first token, in order (it must get a token). */
    private static List<String> noticesBeforeFirstToken(java.util.Iterator<String> lines) {
        List<String> notices = new java.util.ArrayList<>();
        for (String event; (event = nextEvent(lines)) != null; ) {
            if (event.equals("token")) {
                return notices;
            }
            notices.add(event);
        }
        throw new AssertionError("the stream ended without a token after " + notices);
    }

    /** The next event's name ("queued N" for a queue event); null at the end of the stream. */
    private static String nextEvent(java.util.Iterator<String> lines) {
        String name = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:") && name != null) {
                return name.equals("queued") ? "queued " + line.substring(5).replaceAll("\\D", "") : name;
            }
        }
        return null;
    }

    private HttpRequest request(String pathAndQuery, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).header("Accept", accept)
                .timeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            hold("first", release);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
            hold("second", release);
            hold("third", release);
            hold("fourth", release); // the three places in line are taken
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("generate?prompt=the", "next-token?prompt=the", "attention?prompt=the")) {
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/playground/" + path))
                        .header("Accept", path.startsWith("generate") ? "text/event-stream" : "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(path).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).as(path).hasValueSatisfying(
                        v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
                assertThat(refused.body()).contains("busy");
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStreamThatWaitsPastTheLimitIsToldToComeBackLater() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            hold("first", release);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
            EventStreamClient.Stream stream = EventStreamClient.get(port, "/api/playground/generate?prompt=the&maxTokens=5",
                    Duration.ofSeconds(30)); // ends after the three-second wait
            assertThat(stream.named("queued")).isNotEmpty();
            assertThat(stream.named("token")).isEmpty();
            assertThat(stream.last().name()).isEqualTo("busy");
            assertThat(stream.last().data().get("retryAfterSeconds").asLong()).isBetween(1L, 60L);
            assertThat(pool.waiting()).as("it left the line").isZero();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aNextTokenRequestWaitsForAWorkerInsteadOfBeingRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        hold("first", release);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/playground/next-token?prompt=the")).build(), HttpResponse.BodyHandlers.ofString());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiting() == 1);
        release.countDown();
        assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
}
