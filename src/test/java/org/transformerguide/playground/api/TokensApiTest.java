package org.transformerguide.playground.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.playground.checkpoint.LoadedModel;
import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.inference.EmbeddingMap;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.TrainingRequest;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.tokens.PublishedTokenizers;

/** The tokenize and embeddings endpoints, against tiny untrained models (the same context as PlaygroundApiTest). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"guide.playground.workers=1", "guide.playground.max-tokens=50", "guide.playground.max-prompt-chars=100",
                "guide.playground.queue-size=0"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TokensApiTest {

    private static final String TEXT = "the quick brown fox jumps over the lazy dog. ";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private TrainingService training;
    @Autowired
    private ObjectMapper json;

    @TempDir
    Path dir;

    private final CharTokenizer tokenizer = CharTokenizer.fromCorpus(TEXT); // 28 characters + the fallback

    private void register(long seed) {
        Gpt model = new Gpt(new GptConfig(2, 2, 16, 16, tokenizer.vocabSize(), 0.0), seed);
        registry.register(ServedModelRegistry.DEFAULT, new LoadedModel(model, tokenizer, new TrainingMetadata(0, Double.NaN, "test")));
    }

    @Autowired
    org.transformerguide.playground.service.InferencePool pool;

    @BeforeEach
    void tinyDefaultModel() {
        // Tests sharing this application context may leave a stream finishing on a worker or a job
        // stopping; these tests expect 400/404/503, not the 429 a busy pool gives, so they start after.
        PlaygroundIdle.untilIdle(pool, training);
        register(3);
    }

    @AfterEach
    void noTraining() throws InterruptedException {
        assertThat(training.cancelAndWait("slow", Duration.ofSeconds(60))).as("the slow job stopped").isTrue();
    }

    private JsonNode getJson(String url) throws Exception {
        return json.readTree(mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void tokenizeShowsTheModelsTokensBesideGpt2AndCl100k() throws Exception {
        String text = "the fox 🙂 jumps";
        JsonNode body = json.readTree(mvc.perform(get("/api/playground/tokenize").param("text", text))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode own = body.get("tokenizations").get(0);
        assertThat(own.get("tokenizer").asText()).contains("character-level");
        assertThat(own.get("count").asInt()).isEqualTo(text.codePointCount(0, text.length()));
        assertThat(own.get("tokens").get(8).get("id").asInt()).isEqualTo(tokenizer.fallbackId()); // 🙂 is unknown
        assertThat(own.get("tokens").get(8).get("start").asInt()).isEqualTo(8);
        assertThat(own.get("tokens").get(8).get("end").asInt()).isEqualTo(10);
        JsonNode gpt2 = body.get("tokenizations").get(1);
        JsonNode cl100k = body.get("tokenizations").get(2);
        assertThat(gpt2.get("count").asInt()).isEqualTo(PublishedTokenizers.GPT2.encode(text).length);
        assertThat(cl100k.get("count").asInt()).isEqualTo(PublishedTokenizers.CL100K.encode(text).length);
        assertThat(gpt2.get("tokens").get(0).get("id").asInt()).isEqualTo(PublishedTokenizers.GPT2.encode("the")[0]);
        mvc.perform(get("/api/playground/tokenize").param("text", "")).andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenizations[2].count").value(0));
    }

    @Test
    void embeddingsGiveOnePointPerTokenAndNeighboursByCosine() throws Exception {
        JsonNode body = getJson("/api/playground/embeddings");
        assertThat(body.get("points")).hasSize(tokenizer.vocabSize());
        assertThat(body.get("dimensions").asInt()).isEqualTo(16);
        double x = body.get("explainedVarianceRatio").get(0).asDouble();
        double y = body.get("explainedVarianceRatio").get(1).asDouble();
        assertThat(x).isGreaterThanOrEqualTo(y).isLessThanOrEqualTo(1);
        assertThat(y).isPositive();
        assertThat(body.get("token").isNull()).isTrue();

        float[][] wte = registry.find(ServedModelRegistry.DEFAULT).orElseThrow().generator().tokenEmbeddings();
        List<EmbeddingMap.Neighbour> expected = EmbeddingMap.of(wte, tokenizer).neighbours(tokenizer.encode("q")[0], 4);
        JsonNode byText = getJson("/api/playground/embeddings?token=q&k=4");
        assertThat(byText.get("token").get("text").asText()).isEqualTo("q");
        assertThat(byText.get("neighbours")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(byText.get("neighbours").get(i).get("id").asInt()).isEqualTo(expected.get(i).id());
        }
        JsonNode byId = getJson("/api/playground/embeddings?token=" + tokenizer.encode("q")[0] + "&k=4");
        assertThat(byId.get("neighbours")).isEqualTo(byText.get("neighbours"));
        assertThat(getJson("/api/playground/embeddings?token=q&k=50").get("neighbours")).hasSize(tokenizer.vocabSize() - 1);
    }

    @Test
    void theNextTokenDistributionSaysTheVocabularySize() throws Exception {
        mvc.perform(get("/api/playground/next-token?prompt=the&topK=2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.vocabSize").value(tokenizer.vocabSize()))
                .andExpect(jsonPath("$.candidates").value(2));
    }

    @Test
    void aRetrainedModelGetsANewMap() throws Exception {
        JsonNode before = getJson("/api/playground/embeddings").get("points");
        assertThat(getJson("/api/playground/embeddings").get("points")).isEqualTo(before);
        register(4); // what a finished training job does: a new model under the same name
        assertThat(getJson("/api/playground/embeddings").get("points")).isNotEqualTo(before);
    }

    @Test
    void badParametersAre400UnknownModels404AndTrainingModels503() throws Exception {
        for (String url : new String[] {
                "/api/playground/embeddings?k=0", "/api/playground/embeddings?k=51", "/api/playground/embeddings?k=many",
                "/api/playground/embeddings?token=", "/api/playground/embeddings?token=999", "/api/playground/embeddings?token=QQ",
                "/api/playground/tokenize", "/api/playground/tokenize?text=" + "a".repeat(101)}) {
            mvc.perform(get(url))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.detail").value(notNullValue()));
        }
        mvc.perform(get("/api/playground/embeddings?model=nope")).andExpect(status().isNotFound());
        mvc.perform(get("/api/playground/tokenize?text=a&model=nope")).andExpect(status().isNotFound());
        training.submit(new TrainingRequest("slow", "test", TEXT.repeat(20), new PlaygroundProperties.Preset(1, 1, 8, 8),
                1_000_000, 2, 1e-3, 0, 1000, 1, dir.resolve("slow.tgckpt"), 1));
        for (String url : new String[] {"/api/playground/embeddings?model=slow", "/api/playground/tokenize?text=a&model=slow"}) {
            mvc.perform(get(url))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.training.model").value("slow"));
        }
    }
}
