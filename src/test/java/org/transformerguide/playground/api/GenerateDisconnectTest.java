package org.transformerguide.playground.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.tokenizer.CharTokenizer;

/**
 * A reader who closes the page mid-stream: the server notices at its next write, stops generating and
 * frees the worker. One worker, a generous time limit and a million tokens allowed, so nothing but the
 * disconnect can end this stream within the test's wait (the tiny model writes a few thousand tokens a
 * second, so a million would take minutes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "guide.playground.workers=1", "guide.playground.max-tokens=1000000", "guide.playground.request-timeout=10m"})
@ActiveProfiles("test")
class GenerateDisconnectTest {

    @LocalServerPort
    private int port;
    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private InferencePool pool;

    @Test
    void aClientThatDisconnectsStopsGenerationAndFreesItsWorker() throws Exception {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("the quick brown fox jumps over the lazy dog. ");
        Gpt model = new Gpt(new GptConfig(2, 2, 16, 16, tokenizer.vocabSize(), 0.0), 3);
        registry.register(ServedModelRegistry.DEFAULT, new LoadedModel(model, tokenizer, new TrainingMetadata(0, Double.NaN, "test")));

        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/playground/generate?prompt=the&maxTokens=1000000&seed=1 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 ");
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("event:token"));
            assertThat(line).as("a token arrived").isNotNull();
            assertThat(pool.available()).as("the stream holds the only worker").isZero();
        } // closed mid-stream

        PlaygroundIdle.untilIdle(pool); // fails after a bounded wait if generation never stops
        assertThat(pool.available()).as("the worker is free again").isEqualTo(1);

        HttpResponse<String> next = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/playground/next-token?prompt=the")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).as("the next request is served, not refused with 429").isEqualTo(200);
    }
}
