package org.transformerguide.playground.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;
import org.transformerguide.playground.checkpoint.CheckpointFile;
import org.transformerguide.testing.SelfContained;

/** The {@code --train-default} command on a tiny model: trains, prints progress, saves, exit code. */
@SelfContained
class TrainDefaultCommandTest {

    private final ServedModelRegistry registry = new ServedModelRegistry();
    private final TrainingService training = new TrainingService(registry);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        training.destroy();
    }

    @Test
    void trainsTheDefaultModelPrintsProgressAndExitsWithZero() throws Exception {
        DefaultModelLoader defaults = defaultModel(TrainingServiceTest.TEXT);

        int code = TrainDefaultCommand.train(defaults, training, out);

        String log = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as(log).isZero();
        assertThat(defaults.checkpoint()).isEqualTo(dir.resolve("models").resolve("default.tgckpt"));
        assertThat(CheckpointFile.load(defaults.checkpoint()).metadata().iterations()).isPositive();
        assertThat(log).contains("Training the default model: guide").contains("iteration 60/60").contains("train ")
                .contains("val ").contains("tokens/s").contains("DONE").contains("Saved the default model to");
        assertThat(log.lines().filter(l -> l.startsWith("RUNNING")).findFirst()).hasValueSatisfying(l -> assertThat(l).contains("ETA"));
    }

    @Test
    void aJobThatFailsExitsWithOneAndSaysWhy() {
        DefaultModelLoader defaults = defaultModel("far too short"); // shorter than one block: the job fails

        int code = TrainDefaultCommand.train(defaults, training, out);

        assertThat(code).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("FAILED").contains("was not trained").contains("too short");
        assertThat(defaults.checkpoint()).doesNotExist();
    }

    @Test
    void theWholeCommandTrainsFromTheGuideWithTheGivenSettingsAndServesNoWeb() throws Exception {
        Path models = dir.resolve("baked");
        int code = TrainDefaultCommand.run(new String[] {TrainDefaultCommand.FLAG,
                "--guide.content.location=./content", "--guide.playground.model-dir=" + models,
                "--guide.playground.preset.n-layer=1", "--guide.playground.preset.n-head=1", "--guide.playground.preset.n-embd=8",
                "--guide.playground.preset.block-size=8", "--guide.playground.iterations=4", "--guide.playground.batch-size=2",
                "--guide.playground.eval-interval=2", "--guide.playground.eval-batches=1", "--guide.playground.warmup-iterations=1",
                "--logging.level.root=WARN"});

        assertThat(code).isZero();
        assertThat(CheckpointFile.load(models.resolve("default.tgckpt")).metadata().corpusName()).isEqualTo("guide");
    }

    @Test
    void aPrebuiltModelIsCopiedIntoAnEmptyModelDirectoryButNeverOverAnExistingOne() throws Exception {
        Path prebuilt = dir.resolve("image").resolve("default.tgckpt");
        Files.createDirectories(prebuilt.getParent());
        Files.writeString(prebuilt, "the prebuilt one");
        DefaultModelLoader defaults = new DefaultModelLoader(properties(), registry, training, content(TrainingServiceTest.TEXT), dir.toString(),
                prebuilt.toString());

        defaults.installPrebuilt(defaults.checkpoint());
        assertThat(defaults.checkpoint()).hasContent("the prebuilt one");

        Files.writeString(defaults.checkpoint(), "trained on this server");
        defaults.installPrebuilt(defaults.checkpoint());
        assertThat(defaults.checkpoint()).hasContent("trained on this server");
        try (var files = Files.list(defaults.modelDir())) {
            assertThat(files).hasSize(1); // no temporary file left behind
        }
    }

    private DefaultModelLoader defaultModel(String text) {
        return new DefaultModelLoader(properties(), registry, training, content(text), dir.toString());
    }

    private static PlaygroundProperties properties() {
        return new PlaygroundProperties(false, "", TrainingServiceTest.TINY, 60, 8, 3e-3, 5, 30, 2, 100, 50, 1, Duration.ofSeconds(10), 1, 0, 100, Duration.ofSeconds(20));
    }

    private static GuideContent content(String text) {
        GuideContent content = mock(GuideContent.class);
        GuideDocument document = new GuideDocument("doc", "doc.md", "Doc", "", 1, "all", "", List.of(), List.of(), List.of(), List.of(),
                Set.of(), List.of(), List.of(new Section("s", "Foxes", 1, text)), 0, List.of());
        when(content.documents()).thenReturn(List.of(document));
        return content;
    }
}
