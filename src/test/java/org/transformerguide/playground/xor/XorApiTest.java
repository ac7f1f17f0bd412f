package org.transformerguide.playground.xor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.ModelRegistry;

/**
 * The XOR trainer over HTTP. The same settings as PlaygroundApiTest (one worker), so both share one
 * application context; no language model is registered here, and none is needed.
 */
@SpringBootTest(properties = {"guide.playground.workers=1", "guide.playground.max-tokens=50", "guide.playground.max-prompt-chars=100"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class XorApiTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private InferencePool pool;
    @Autowired
    private ModelRegistry registry;

    private final ObjectMapper json = new ObjectMapper();

    /** The stream's events in order, as (name, data). */
    private List<Map.Entry<String, JsonNode>> events(String body) throws Exception {
        List<Map.Entry<String, JsonNode>> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6);
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            if (name != null) {
                events.add(Map.entry(name, json.readTree(data.toString())));
            }
        }
        return events;
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
        registry.remove(ModelRegistry.DEFAULT);
        MvcResult result = mvc.perform(get("/api/playground/xor/train?hidden=4&activation=TANH&learningRate=1&epochs=200&seed=1"))
                .andExpect(request().asyncStarted())
                .andReturn();
        result.getAsyncResult(TimeUnit.SECONDS.toMillis(120));
        List<Map.Entry<String, JsonNode>> events = events(result.getResponse().getContentAsString());

        assertThat(events.get(0).getKey()).isEqualTo("start");
        JsonNode start = events.get(0).getValue();
        assertThat(start.get("activation").asText()).isEqualTo("tanh");
        assertThat(start.get("seed").asLong()).isEqualTo(1);
        assertThat(start.get("gridSize").asInt()).isEqualTo(41);
        assertThat(start.get("targets").toString()).isEqualTo("[0.0,1.0,1.0,0.0]");

        List<JsonNode> progress = events.stream().filter(e -> e.getKey().equals("progress")).map(Map.Entry::getValue).toList();
        assertThat(progress).hasSize(101);
        assertThat(progress.get(0).get("epoch").asInt()).isZero();
        assertThat(progress.get(100).get("epoch").asInt()).isEqualTo(200);
        assertThat(progress.get(1).get("predictions").size()).isEqualTo(4);
        assertThat(progress.get(1).get("grid").isNull()).isTrue();
        List<JsonNode> grids = progress.stream().map(p -> p.get("grid")).filter(g -> !g.isNull()).toList();
        assertThat(grids).hasSize(21);
        assertThat(grids.get(20).size()).isEqualTo(41);
        assertThat(grids.get(20).get(40).size()).isEqualTo(41);

        Map.Entry<String, JsonNode> last = events.get(events.size() - 1);
        assertThat(last.getKey()).isEqualTo("done");
        JsonNode done = last.getValue();
        assertThat(done.get("stop").asText()).isEqualTo("EPOCHS");
        assertThat(done.get("epochs").asInt()).isEqualTo(200);
        assertThat(done.get("solved").asBoolean()).isTrue();
        assertThat(done.get("correct").asInt()).isEqualTo(4);
        assertThat(done.get("loss").asDouble()).isLessThan(progress.get(0).get("loss").asDouble());
        assertThat(done.get("weights").get("w1").size()).isEqualTo(2);
        assertThat(done.get("weights").get("w1").get(0).size()).isEqualTo(4);
        assertThat(pool.available()).isEqualTo(1);
    }

    @Test
    void withoutASeedOneIsDrawnAndReported() throws Exception {
        MvcResult result = mvc.perform(get("/api/playground/xor/train?epochs=5")).andExpect(request().asyncStarted()).andReturn();
        result.getAsyncResult(TimeUnit.SECONDS.toMillis(60));
        JsonNode start = events(result.getResponse().getContentAsString()).get(0).getValue();
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
                    .andExpect(header().string("Retry-After", "2"))
                    .andExpect(jsonPath("$.status").value(429));
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }
}
