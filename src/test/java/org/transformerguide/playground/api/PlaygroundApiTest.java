package org.transformerguide.playground.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Collectors;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.playground.checkpoint.LoadedModel;
import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.ServedModel;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.TrainingRequest;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.playground.tokenizer.CharTokenizer;

/**
 * The playground API against a tiny untrained model (random weights answer as well as trained ones for
 * these checks). One worker, so a single held task fills the pool. Plain answers go through MockMvc;
 * streams, whose events another thread writes, over a real connection to the server's random port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"guide.playground.workers=1", "guide.playground.max-tokens=50", "guide.playground.max-prompt-chars=100",
                "guide.playground.queue-size=0", "guide.playground.answer-cache=32"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PlaygroundApiTest {

    private static final String TEXT = "the quick brown fox jumps over the lazy dog. ";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private TrainingService training;
    @Autowired
    private InferencePool pool;

    @LocalServerPort
    private int port;

    @TempDir
    Path dir;

    @BeforeEach
    void tinyDefaultModel() {
        PlaygroundIdle.untilIdle(pool, training); // what an earlier test in this context started has ended
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(TEXT);
        Gpt model = new Gpt(new GptConfig(2, 2, 16, 16, tokenizer.vocabSize(), 0.0), 3);
        registry.register(ServedModelRegistry.DEFAULT, new LoadedModel(model, tokenizer, new TrainingMetadata(0, Double.NaN, "test")));
    }

    @AfterEach
    void noTraining() throws InterruptedException {
        assertThat(training.cancelAndWait("slow", Duration.ofSeconds(60))).as("the slow job stopped").isTrue();
    }

    @Test
    void theModelListShowsTheDefaultModel() throws Exception {
        mvc.perform(get("/api/playground/models"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("default"))
                .andExpect(jsonPath("$[0].state").value("READY"))
                .andExpect(jsonPath("$[0].config.nLayer").value(2))
                .andExpect(jsonPath("$[0].parameterCount").value(notNullValue()));
    }

    @Test
    void parametersOutOfBoundsOrMalformedAre400ProblemDetails() throws Exception {
        String[] bad = {
                "/api/playground/next-token?prompt=the&temperature=5.1",
                "/api/playground/next-token?prompt=the&temperature=-1",
                "/api/playground/next-token?prompt=the&topK=0",
                "/api/playground/next-token?prompt=the&topK=1000",
                "/api/playground/next-token?prompt=the&topP=0",
                "/api/playground/next-token?prompt=the&topP=1.5",
                "/api/playground/next-token?prompt=the&temperature=warm",
                "/api/playground/next-token",
                "/api/playground/next-token?prompt=",
                "/api/playground/next-token?prompt=" + "a".repeat(101),
                "/api/playground/attention?prompt=",
                "/api/playground/logit-lens?prompt=",
                "/api/playground/generate?prompt=the&maxTokens=51",
                "/api/playground/generate?prompt=the&maxTokens=0",
        };
        for (String url : bad) {
            mvc.perform(get(url))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.detail").value(notNullValue()));
        }
    }

    @Test
    void unknownCharactersAreFineAndAnUnknownModelIs404() throws Exception {
        mvc.perform(get("/api/playground/next-token").param("prompt", "Ωμέγα 🙂")).andExpect(status().isOk());
        mvc.perform(get("/api/playground/next-token?prompt=the&model=nope")).andExpect(status().isNotFound());
    }

    @Test
    void temperatureZeroPutsAllMassOnTheArgmax() throws Exception {
        var unfiltered = registry.find("default").orElseThrow().generator().nextToken("the qu", SamplingOptions.unfiltered());
        mvc.perform(get("/api/playground/next-token?prompt=the qu&temperature=0"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.top[0].id").value(unfiltered.top().get(0).id()))
                .andExpect(jsonPath("$.top[0].probability").value(1.0))
                .andExpect(jsonPath("$.candidates").value(1));
    }

    @Test
    void attentionHasOneMapPerLayerAndHead() throws Exception {
        mvc.perform(get("/api/playground/attention?prompt=the fox"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tokens.length()").value(7))
                .andExpect(jsonPath("$.probabilities.length()").value(2))
                .andExpect(jsonPath("$.probabilities[1].length()").value(2))
                .andExpect(jsonPath("$.probabilities[1][0][6].length()").value(7));
    }

    @Test
    void theSameQuestionAskedAgainIsAnsweredWithoutTheModel() throws Exception {
        ServedModel served = registry.find(ServedModelRegistry.DEFAULT).orElseThrow();
        long before = served.batching().stats().tasks();
        String[] bodies = new String[2];
        for (int i = 0; i < 2; i++) {
            bodies[i] = mvc.perform(get("/api/playground/attention?prompt=the fox")).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            mvc.perform(get("/api/playground/next-token?prompt=the fox&temperature=0.8")).andExpect(status().isOk());
        }
        mvc.perform(get("/api/playground/next-token?prompt=the fox&temperature=0.5")).andExpect(status().isOk());
        assertThat(bodies[1]).isEqualTo(bodies[0]);
        assertThat(served.batching().stats().tasks() - before).as("short jobs the model's loop ran").isEqualTo(3);
    }

    @Test
    void theLogitLensHasOneDepthPerBlockPlusTheEmbeddingEndingOnTheModelsOwnGuess() throws Exception {
        var own = registry.find("default").orElseThrow().generator().nextToken("the fox", SamplingOptions.unfiltered());
        mvc.perform(get("/api/playground/logit-lens?prompt=the fox"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenTexts.length()").value(7))
                .andExpect(jsonPath("$.stages.length()").value(3))
                .andExpect(jsonPath("$.stages[0].name").value("embedding"))
                .andExpect(jsonPath("$.stages[2].top.length()").value(5))
                .andExpect(jsonPath("$.stages[2].top[0].id").value(own.top().get(0).id()))
                .andExpect(jsonPath("$.stages[2].finalTokenRank").value(1));
        mvc.perform(get("/api/playground/logit-lens?prompt=the&model=nope")).andExpect(status().isNotFound());
    }

    @Test
    void generateStreamsTokensAndCompletes() throws Exception {
        EventStreamClient.Stream stream = EventStreamClient.get(port, "/api/playground/generate?prompt=the&maxTokens=5&seed=42",
                Duration.ofSeconds(60));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(stream.named("token")).hasSize(5);
        assertThat(stream.last().name()).isEqualTo("done");
        assertThat(stream.last().data().get("stop").asText()).isEqualTo("MAX_TOKENS");
        assertThat(stream.last().data().get("seed").asLong()).isEqualTo(42);
        PlaygroundIdle.untilIdle(pool); // the worker is given back once its task has returned
        assertThat(pool.available()).isEqualTo(1);
    }

    @Test
    void tokensOfAnyCharacterArriveAsTheModelWroteThem() throws Exception {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("über → ∑ naïve 日本 ");
        Gpt model = new Gpt(new GptConfig(2, 2, 16, 16, tokenizer.vocabSize(), 0.0), 5);
        registry.register(ServedModelRegistry.DEFAULT, new LoadedModel(model, tokenizer, new TrainingMetadata(0, Double.NaN, "test")));
        EventStreamClient.Stream stream = EventStreamClient.get(port, "/api/playground/generate?prompt="
                + URLEncoder.encode("über", StandardCharsets.UTF_8) + "&maxTokens=40&seed=3", Duration.ofSeconds(60));
        String streamed = stream.named("token").stream().map(e -> e.data().get("text").asText()).collect(Collectors.joining());
        String written = registry.find(ServedModelRegistry.DEFAULT).orElseThrow().generator()
                .generate("über", 40, SamplingOptions.unfiltered(), 3, (index, id, text) -> true).text();
        assertThat(written.chars()).as("the model wrote characters beyond ASCII").anyMatch(c -> c > 127);
        assertThat(streamed).isEqualTo(written);
    }

    @Test
    void theSameSeedGivesTheSameTextOverHttp() throws Exception {
        String url = "/api/playground/generate?prompt=the&maxTokens=12&seed=7";
        String first = EventStreamClient.get(port, url, Duration.ofSeconds(60)).last().data().get("text").asText();
        PlaygroundIdle.untilIdle(pool);
        String second = EventStreamClient.get(port, url, Duration.ofSeconds(60)).last().data().get("text").asText();
        assertThat(second).isEqualTo(first).isNotEmpty();
    }

    @Test
    void aFullPoolAnswers429WithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = pool.submit(() -> release.await(30, TimeUnit.SECONDS)); // a request that does not finish
        try {
            mvc.perform(get("/api/playground/next-token?prompt=the"))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.status").value(429));
            mvc.perform(get("/api/playground/generate?prompt=the").accept("text/event-stream"))
                    .andExpect(status().isTooManyRequests());
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
        PlaygroundIdle.untilIdle(pool);
        mvc.perform(get("/api/playground/next-token?prompt=the")).andExpect(status().isOk());
    }

    @Test
    void aModelInTrainingAnswers503WithRetryAfterAndItsProgress() throws Exception {
        training.submit(new TrainingRequest("slow", "test", TEXT.repeat(20), new PlaygroundProperties.Preset(1, 1, 8, 8),
                1_000_000, 2, 1e-3, 0, 1000, 1, dir.resolve("slow.tgckpt"), 1));
        mvc.perform(get("/api/playground/next-token?prompt=the&model=slow"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.training.model").value("slow"))
                .andExpect(jsonPath("$.training.totalIterations").value(1_000_000))
                .andExpect(jsonPath("$.detail", containsString("training")));
        mvc.perform(get("/api/playground/training?model=slow")).andExpect(status().isOk())
                .andExpect(jsonPath("$.model").value("slow"));
    }

    @Test
    void aMissingDefaultModelAnswers503() throws Exception {
        registry.remove(ServedModelRegistry.DEFAULT);
        registry.reportProblem(ServedModelRegistry.DEFAULT, "No default model yet");
        mvc.perform(get("/api/playground/generate?prompt=the").accept("text/event-stream"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail").value("No default model yet"));
        mvc.perform(get("/api/playground/models")).andExpect(jsonPath("$[0].state").value("UNAVAILABLE"));
    }

    @Test
    void theTrainingStreamFollowsAJobUntilItEnds() throws Exception {
        training.submit(new TrainingRequest("streamed", "test", TEXT.repeat(20), new PlaygroundProperties.Preset(1, 1, 8, 8),
                60, 4, 3e-3, 5, 20, 1, dir.resolve("streamed.tgckpt"), 1));
        EventStreamClient.Stream stream = EventStreamClient.get(port, "/api/playground/training/stream?model=streamed",
                Duration.ofSeconds(120));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.named("progress")).isNotEmpty().allSatisfy(e -> assertThat(e.data().get("model").asText()).isEqualTo("streamed"));
        assertThat(stream.last().data().get("state").asText()).isEqualTo("DONE");
        mvc.perform(get("/api/playground/next-token?prompt=the&model=streamed")).andExpect(status().isOk());
    }
}
