package org.transformerguide.playground.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.transformerguide.content.GuideContent;

/** Custom models across a restart: what was saved is served again, a damaged file is listed, never a crash. */
class CustomModelServiceTest {

    private static final String TEXT = "The cat sat on the mat. The dog sat on the log. ".repeat(30);
    private static final ModelPreset MICRO = new ModelPreset(1, 2, 16, 16, 60, 8, 3e-3, 0, 30, 2);

    private final List<TrainingService> services = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        services.forEach(TrainingService::destroy);
    }

    /** A server's worth of playground services on {@code dir}. */
    private CustomModelService start(ServedModelRegistry registry) {
        TrainingService training = new TrainingService(registry);
        services.add(training);
        PlaygroundProperties playground = new PlaygroundProperties(false, dir.toString(), TrainingServiceTest.TINY, 60, 8, 3e-3, 5, 30,
                2, 100, 50, 1, Duration.ofSeconds(10), 1, 0, 100, Duration.ofSeconds(20));
        ModelManagementProperties settings = new ModelManagementProperties("INSTRUCTOR", DataSize.ofKilobytes(64), 10, 2048,
                Map.of("micro", MICRO));
        return new CustomModelService(registry, training, settings, playground,
                new DefaultModelLoader(playground, registry, training, mock(GuideContent.class), dir.toString()));
    }

    @Test
    void savedModelsAreServedAgainAfterARestartAndADamagedOneIsReported() throws Exception {
        ServedModelRegistry before = new ServedModelRegistry();
        CustomModelService first = start(before);
        first.create(new CustomModelService.NewModel("cats", "micro", "bpe", 300, "cats.txt", TEXT.getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(120)).until(() -> before.find("cats").isPresent());
        double bestValLoss = before.find("cats").orElseThrow().metadata().bestValLoss();
        Files.write(dir.resolve("dogs.tgckpt"), new byte[] {1, 2, 3});        // damaged
        Files.writeString(dir.resolve("Not A Name.tgckpt"), "ignored");         // not a model name
        Files.writeString(dir.resolve("default.tgckpt"), "the default model's, not a custom one");

        ServedModelRegistry after = new ServedModelRegistry();
        start(after).loadSaved();

        ServedModel cats = after.find("cats").orElseThrow();
        assertThat(cats.metadata().bestValLoss()).isEqualTo(bestValLoss);
        assertThat(cats.metadata().corpusName()).isEqualTo("cats.txt");
        assertThat(TokenizerSpec.idOf(cats.generator().tokenizer())).isEqualTo("bpe");
        assertThat(after.problem("dogs")).hasValueSatisfying(p -> assertThat(p).contains("unusable"));
        assertThat(after.find("dogs")).isEmpty();
        assertThat(after.problems()).containsOnlyKeys("dogs");
        assertThat(after.all()).extracting(ServedModel::name).containsExactly("cats");
    }

    @Test
    void anEmptyOrMissingModelDirectoryLoadsNothing() {
        ServedModelRegistry registry = new ServedModelRegistry();
        start(registry).loadSaved();
        assertThat(registry.all()).isEmpty();
        assertThat(registry.problems()).isEmpty();
    }
}
