package org.transformerguide.playground.xor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.playground.api.EventStreamClient;
import org.transformerguide.playground.api.PlaygroundIdle;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.ServedModelRegistry;

/**
 * The XOR trainer over HTTP. The same settings as PlaygroundApiTest (one worker), so both share one
 * application context; no language model is registered here, and none is needed. Runs are read over a
 * real connection to the server's port: their events are written by a worker thread.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"guide.playground.workers=1", "guide.playground.max-tokens=50", "guide.playground.max-prompt-chars=100",
                "guide.playground.queue-size=0"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class XorApiTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private InferencePool pool;
    @Autowired
    private ServedModelRegistry registry;

    @LocalServerPort
    private int port;

    @BeforeEach
    void freeWorker() {
        PlaygroundIdle.untilIdle(pool); // a run another test started has ended
    }

    @Test
    void parametersOutOfBoundsAre400ProblemDetailsNamingTheParameter() throws Exception {
        String[][] bad = {
                {"hidden=0", "hidden"}, {"hidden=17", "hidden"}, {"activation=gelu", null}, {"learningRate=0.001", "learningRate"},
                {"learningRate=11", "learningRate"}, {"learningRate=NaN", "learningRate"}, {"epochs=0", "epochs"},
                {"epochs=5001", "epochs"}, {"hidden=two", "hidden"},
        };
        for (String[] c : bad) {
            var result = mvc.perform(get("/api/playground/xor/train?" + c[0]).accept("text/event-stream"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.detail").value(notNullValue()));
            if (c[1] != null) {
                result.andExpect(jsonPath("$.parameter").value(c[1]));
            }
        }
        mvc.perform(get("/api/playground/xor/train?activation=gelu")).andExpect(jsonPath("$.detail").value(
                "activation must be one of sigmoid, tanh, relu, not 'gelu'"));
    }

    @Test
    void aRunStreamsStartProgressWithBoundariesAndDoneWithoutAnyLanguageModel() throws Exception {
        registry.remove(ServedModelRegistry.DEFAULT);
        EventStreamClient.Stream stream = EventStreamClient.get(port,
                "/api/playground/xor/train?hidden=4&activation=TANH&learningRate=1&epochs=200&seed=1", Duration.ofSeconds(120));
        assertThat(stream.status()).isEqualTo(200);
        List<EventStreamClient.Event> events = stream.events();

        assertThat(events.get(0).name()).isEqualTo("start");
        JsonNode start = events.get(0).data();
        assertThat(start.get("activation").asText()).isEqualTo("tanh");
        assertThat(start.get("seed").asLong()).isEqualTo(1);
        assertThat(start.get("gridSize").asInt()).isEqualTo(41);
        assertThat(start.get("targets").toString()).isEqualTo("[0.0,1.0,1.0,0.0]");

        List<JsonNode> progress = stream.named("progress").stream().map(EventStreamClient.Event::data).toList();
        assertThat(progress).hasSize(101);
        assertThat(progress.get(0).get("epoch").asInt()).isZero();
        assertThat(progress.get(100).get("epoch").asInt()).isEqualTo(200);
        assertThat(progress.get(1).get("predictions").size()).isEqualTo(4);
        assertThat(progress.get(1).get("grid").isNull()).isTrue();
        List<JsonNode> grids = progress.stream().map(p -> p.get("grid")).filter(g -> !g.isNull()).toList();
        assertThat(grids).hasSize(21);
        assertThat(grids.get(20).size()).isEqualTo(41);
        assertThat(grids.get(20).get(40).size()).isEqualTo(41);

        assertThat(stream.last().name()).isEqualTo("done");
        JsonNode done = stream.last().data();
        assertThat(done.get("stop").asText()).isEqualTo("EPOCHS");
        assertThat(done.get("epochs").asInt()).isEqualTo(200);
        assertThat(done.get("solved").asBoolean()).isTrue();
        assertThat(done.get("correct").asInt()).isEqualTo(4);
        assertThat(done.get("loss").asDouble()).isLessThan(progress.get(0).get("loss").asDouble());
        assertThat(done.get("weights").get("w1").size()).isEqualTo(2);
        assertThat(done.get("weights").get("w1").get(0).size()).isEqualTo(4);
        PlaygroundIdle.untilIdle(pool);
        assertThat(pool.available()).isEqualTo(1);
    }

    @Test
    void withoutASeedOneIsDrawnAndReported() throws Exception {
        JsonNode start = EventStreamClient.get(port, "/api/playground/xor/train?epochs=5", Duration.ofSeconds(60)).events().get(0).data();
        assertThat(start.get("hidden").asInt()).isEqualTo(2);
        assertThat(start.get("seed").isNumber()).isTrue();
    }

    @Test
    void aFullPoolAnswers429WithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = pool.submit(() -> release.await(30, TimeUnit.SECONDS)); // the only worker, busy
        try {
            mvc.perform(get("/api/playground/xor/train").accept("text/event-stream"))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.status").value(429));
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
        PlaygroundIdle.untilIdle(pool);
    }
}
