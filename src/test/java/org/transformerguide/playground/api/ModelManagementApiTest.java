package org.transformerguide.playground.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.transformerguide.account.AccountService;
import org.transformerguide.playground.service.CustomModelService;
import org.transformerguide.playground.service.DefaultModelLoader;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.playground.service.TrainingState;

/**
 * Custom models over the API, with real accounts (an instructor granted the role in the database, a learner) and tiny
 * presets: "micro" trains in seconds, "slow" never finishes on its own (it is there to be queued behind
 * and cancelled).
 */
@SpringBootTest(properties = {
        "guide.playground.model-dir=target/test-models/api-${random.uuid}",
        "guide.playground.models.max-corpus-size=20KB",
        "guide.playground.models.presets.micro.n-layer=1", "guide.playground.models.presets.micro.n-head=2",
        "guide.playground.models.presets.micro.n-embd=16", "guide.playground.models.presets.micro.block-size=16",
        "guide.playground.models.presets.micro.iterations=150", "guide.playground.models.presets.micro.batch-size=8",
        "guide.playground.models.presets.micro.learning-rate=3e-3", "guide.playground.models.presets.micro.eval-interval=50",
        "guide.playground.models.presets.micro.eval-batches=2",
        "guide.playground.models.presets.slow.n-layer=1", "guide.playground.models.presets.slow.n-head=1",
        "guide.playground.models.presets.slow.n-embd=8", "guide.playground.models.presets.slow.block-size=8",
        "guide.playground.models.presets.slow.iterations=1000000", "guide.playground.models.presets.slow.batch-size=2",
        "guide.playground.models.presets.slow.learning-rate=1e-3", "guide.playground.models.presets.slow.eval-interval=100000",
        "guide.playground.models.presets.slow.eval-batches=1"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ModelManagementApiTest {

    static final String TEXT = "The cat sat on the mat. The dog sat on the log. A token is a piece of text. ".repeat(20);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccountService accounts;
    @Autowired
    private org.transformerguide.account.AccountRoles roles;
    @Autowired
    private TrainingService training;
    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private CustomModelService custom;
    @Autowired
    private DefaultModelLoader defaultModel;

    private UserDetails instructor;
    private UserDetails learner;

    @BeforeEach
    void accounts() {
        account("ada");
        roles.grant(accounts.idOf("ada"), "INSTRUCTOR"); // an admin granted the role
        instructor = accounts.loadUserByUsername("ada");
        learner = account("grace");
    }

    private UserDetails account(String name) {
        try {
            return accounts.loadUserByUsername(name);
        } catch (org.springframework.security.core.userdetails.UsernameNotFoundException e) {
            return accounts.signUp(name, "a long password");
        }
    }

    @AfterEach
    void deleteEverything() throws Exception {
        for (String name : new String[] {"first", "second", "tiny-cats", "bpe-cats", "broken", "dup"}) {
            try {
                custom.delete(name);
            } catch (RuntimeException e) {
                // not there: fine
            }
        }
    }

    private MockMultipartHttpServletRequestBuilder create(String name) {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/playground/models");
        request.with(csrf());
        if (name != null) {
            request.param("name", name);
        }
        return request;
    }

    private ResultActions asInstructor(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(instructor)));
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(status));
    }

    private void awaitFinished(String model) {
        await().atMost(Duration.ofSeconds(120)).until(() -> training.latest(model).map(s -> s.state().finished()).orElse(false));
    }

    @Test
    void instructorsComeFromTheSettingsWhateverTheCase() {
        assertThat(instructor.getAuthorities()).extracting(Object::toString).contains("ROLE_INSTRUCTOR", "ROLE_LEARNER");
        assertThat(learner.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_LEARNER");
    }

    @Test
    void everyoneMayListModelsAndPresets() throws Exception {
        mvc.perform(get("/api/playground/models")).andExpect(status().isOk()).andExpect(jsonPath("$[0].name").value("default"))
                .andExpect(jsonPath("$[0].custom").value(false));
        mvc.perform(get("/api/playground/models/presets")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", hasItems("tiny", "small", "default", "micro", "slow")))
                .andExpect(jsonPath("$[?(@.name == 'tiny')].blockSize", hasItem(32)));
    }

    @Test
    void onlyTheManagerRoleMayCreateOrDeleteModels() throws Exception {
        problem(mvc.perform(create("cats").param("text", TEXT)), 401)
                .andExpect(jsonPath("$.detail", containsString("INSTRUCTOR")));
        problem(mvc.perform(create("cats").param("text", TEXT).with(user(learner))), 403)
                .andExpect(jsonPath("$.detail", containsString("INSTRUCTOR")));
        problem(mvc.perform(delete("/api/playground/models/cats").with(csrf()).with(user(learner))), 403);
        problem(mvc.perform(delete("/api/playground/models/cats").with(csrf())), 401);
        // and without a CSRF token even an instructor is refused
        problem(mvc.perform(multipart("/api/playground/models").param("name", "cats").param("text", TEXT).with(user(instructor))), 403)
                .andExpect(jsonPath("$.detail", containsString("CSRF")));
        assertThat(training.latest("cats")).isEmpty();
    }

    @Test
    void badRequestsAre400ProblemDetailsNamingTheParameter() throws Exception {
        problem(asInstructor(create("Bad Name!").param("text", TEXT)), 400).andExpect(jsonPath("$.parameter").value("name"));
        problem(asInstructor(create("x").param("text", TEXT)), 400).andExpect(jsonPath("$.parameter").value("name"));
        problem(asInstructor(create(null).param("text", TEXT)), 400).andExpect(jsonPath("$.parameter").value("name"));
        problem(asInstructor(create("cats")), 400).andExpect(jsonPath("$.detail", containsString("empty")));
        problem(asInstructor(create("cats").param("text", " \n\t ")), 400).andExpect(jsonPath("$.detail", containsString("empty")));
        problem(asInstructor(create("cats").param("text", "far too short for a block of sixteen")), 400)
                .andExpect(jsonPath("$.detail", containsString("too short")));
        problem(asInstructor(create("cats").param("text", TEXT).param("preset", "huge")), 400)
                .andExpect(jsonPath("$.parameter").value("preset"));
        problem(asInstructor(create("cats").param("text", TEXT).param("tokenizer", "word")), 400)
                .andExpect(jsonPath("$.parameter").value("tokenizer"));
        problem(asInstructor(create("cats").param("text", TEXT).param("tokenizer", "bpe").param("vocabSize", "256")), 400)
                .andExpect(jsonPath("$.parameter").value("vocabSize"));
        problem(asInstructor(create("cats").param("text", TEXT).param("tokenizer", "bpe").param("vocabSize", "4096")), 400)
                .andExpect(jsonPath("$.parameter").value("vocabSize"));
        problem(asInstructor(create("cats").param("text", TEXT).param("vocabSize", "many")), 400);
        byte[] latin1 = "caf\u00e9 ".repeat(500).getBytes(StandardCharsets.ISO_8859_1); // é as one byte: not UTF-8
        problem(asInstructor(create("cats").file(new MockMultipartFile("corpus", "latin1.txt", "text/plain", latin1))), 400)
                .andExpect(jsonPath("$.detail", containsString("UTF-8")));
        problem(asInstructor(create("cats").file(new MockMultipartFile("corpus", "a.txt", "text/plain", TEXT.getBytes(StandardCharsets.UTF_8)))
                .param("text", TEXT)), 400)
                .andExpect(jsonPath("$.detail", containsString("not both")));
        assertThat(training.latest("cats")).isEmpty();
    }

    @Test
    void aCorpusOverTheLimitIs413() throws Exception {
        byte[] big = "a".repeat(20 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
        problem(asInstructor(create("cats").file(new MockMultipartFile("corpus", "big.txt", "text/plain", big))), 413)
                .andExpect(jsonPath("$.detail", containsString("the limit is 20 KB")));
        problem(asInstructor(create("cats").param("text", "é".repeat(10 * 1024 + 1))), 413); // 2 bytes each in UTF-8
        asInstructor(create("cats").param("text", "é".repeat(10 * 1024)).param("preset", "slow")).andExpect(status().isAccepted());
        custom.delete("cats");
    }

    @Test
    void aSecondJobQueuesBehindTheFirstAndNamesAreUnique() throws Exception {
        asInstructor(create("first").param("text", TEXT).param("preset", "slow"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/playground/training?model=first"))
                .andExpect(jsonPath("$.model").value("first"));
        await().atMost(Duration.ofSeconds(60)).until(() -> training.latest("first").orElseThrow().state() == TrainingState.RUNNING);
        asInstructor(create("second").param("text", TEXT).param("preset", "slow"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("QUEUED"));
        mvc.perform(get("/api/playground/training").param("model", "second")).andExpect(jsonPath("$.state").value("QUEUED"));
        mvc.perform(get("/api/playground/models"))
                .andExpect(jsonPath("$[?(@.name == 'first')].state", hasItem("TRAINING")))
                .andExpect(jsonPath("$[?(@.name == 'second')].state", hasItem("QUEUED")))
                .andExpect(jsonPath("$[?(@.name == 'second')].custom", hasItem(true)))
                .andExpect(jsonPath("$[?(@.name == 'second')].tokenizer", hasItem("char")))
                .andExpect(jsonPath("$[?(@.name == 'second')].corpus", hasItem("pasted text")));

        problem(asInstructor(create("second").param("text", TEXT)), 409).andExpect(jsonPath("$.detail", containsString("already")));
        problem(asInstructor(create("default").param("text", TEXT)), 409);

        // Deleting the queued one cancels it at once; deleting the running one stops it.
        mvc.perform(delete("/api/playground/models/second").with(csrf()).with(user(instructor))).andExpect(status().isNoContent());
        assertThat(training.latest("second")).isEmpty();
        assertThat(training.latest("first").orElseThrow().state()).isEqualTo(TrainingState.RUNNING);
        mvc.perform(delete("/api/playground/models/first").with(csrf()).with(user(instructor))).andExpect(status().isNoContent());
        assertThat(training.active()).noneMatch(s -> s.model().equals("first") || s.model().equals("second"));
        mvc.perform(get("/api/playground/models")).andExpect(jsonPath("$[*].name", not(hasItem("first"))))
                .andExpect(jsonPath("$[*].name", not(hasItem("second"))));
    }

    @Test
    void theDefaultModelCannotBeDeletedAndAnUnknownOneIs404() throws Exception {
        problem(mvc.perform(delete("/api/playground/models/default").with(csrf()).with(user(instructor))), 409)
                .andExpect(jsonPath("$.detail", containsString("default model cannot be deleted")));
        problem(mvc.perform(delete("/api/playground/models/no-such-model").with(csrf()).with(user(instructor))), 404);
    }

    @Test
    void aTinyModelTrainsFromPastedTextServesNextTokenAndDeletingRemovesItsFile() throws Exception {
        asInstructor(create("tiny-cats").param("text", TEXT).param("preset", "micro")).andExpect(status().isAccepted());
        awaitFinished("tiny-cats");
        assertThat(training.latest("tiny-cats").orElseThrow().state()).isEqualTo(TrainingState.DONE);

        mvc.perform(get("/api/playground/models"))
                .andExpect(jsonPath("$[?(@.name == 'tiny-cats')].state", hasItem("READY")))
                .andExpect(jsonPath("$[?(@.name == 'tiny-cats')].config.blockSize", hasItem(16)))
                .andExpect(jsonPath("$[?(@.name == 'tiny-cats')].trainedIterations", hasItem(150)));
        mvc.perform(get("/api/playground/next-token").param("prompt", "The cat sat on the m").param("model", "tiny-cats")
                        .param("temperature", "0"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.top[0].text").value("a"));
        Path file = defaultModel.modelDir().resolve("tiny-cats.tgckpt");
        assertThat(file).exists();

        mvc.perform(delete("/api/playground/models/tiny-cats").with(csrf()).with(user(instructor))).andExpect(status().isNoContent());
        assertThat(file).doesNotExist();
        assertThat(registry.find("tiny-cats")).isEmpty();
        mvc.perform(get("/api/playground/next-token").param("prompt", "The").param("model", "tiny-cats")).andExpect(status().isNotFound());
    }

    @Test
    void aBpeModelLearnsItsMergesFromTheUploadedFileAndKeepsThemInItsCheckpoint() throws Exception {
        asInstructor(create("bpe-cats").file(new MockMultipartFile("corpus", "cats.txt", "text/plain", TEXT.getBytes(StandardCharsets.UTF_8)))
                .param("preset", "micro").param("tokenizer", "bpe").param("vocabSize", "300"))
                .andExpect(status().isAccepted());
        awaitFinished("bpe-cats");
        assertThat(training.latest("bpe-cats").orElseThrow().state()).isEqualTo(TrainingState.DONE);
        mvc.perform(get("/api/playground/models"))
                .andExpect(jsonPath("$[?(@.name == 'bpe-cats')].tokenizer", hasItem("bpe")))
                .andExpect(jsonPath("$[?(@.name == 'bpe-cats')].corpus", hasItem("cats.txt")))
                // 300 asked for; fewer when the text runs out of pairs that occur twice
                .andExpect(jsonPath("$[?(@.name == 'bpe-cats')].config.vocabSize", hasItem(both(greaterThan(256)).and(lessThanOrEqualTo(300)))));
        mvc.perform(get("/api/playground/next-token").param("prompt", "The cat").param("model", "bpe-cats")).andExpect(status().isOk());
    }

    @Test
    void aDamagedCheckpointInTheModelDirectoryIsListedWithItsProblemAndCanBeDeleted() throws Exception {
        Path file = defaultModel.modelDir().resolve("broken.tgckpt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "TGGPTCKP and then nothing that makes sense");

        custom.loadSaved(); // what a start-up does

        mvc.perform(get("/api/playground/models"))
                .andExpect(jsonPath("$[?(@.name == 'broken')].state", hasItem("UNAVAILABLE")))
                .andExpect(jsonPath("$[?(@.name == 'broken')].problem", hasItem(containsString("unusable"))));
        problem(asInstructor(create("broken").param("text", TEXT)), 409);
        mvc.perform(delete("/api/playground/models/broken").with(csrf()).with(user(instructor))).andExpect(status().isNoContent());
        assertThat(file).doesNotExist();
        mvc.perform(get("/api/playground/models")).andExpect(jsonPath("$[*].name", not(hasItem("broken"))));
    }
}
