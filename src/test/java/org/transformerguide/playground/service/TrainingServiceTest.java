package org.transformerguide.playground.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.GuideDocument;
import org.transformerguide.content.Section;
import org.transformerguide.playground.checkpoint.CheckpointFile;
import org.transformerguide.playground.checkpoint.LoadedModel;

/** Training jobs end to end on a tiny model: a few seconds each. */
class TrainingServiceTest {

    static final String TEXT = "the quick brown fox jumps over the lazy dog. ".repeat(40);
    static final PlaygroundProperties.Preset TINY = new PlaygroundProperties.Preset(2, 2, 16, 16);

    private final ModelRegistry registry = new ModelRegistry();
    private final TrainingService training = new TrainingService(registry);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        training.destroy();
    }

    static TrainingRequest tiny(String name, Path checkpoint, int iterations) {
        return new TrainingRequest(name, "test", TEXT, TINY, iterations, 8, 3e-3, 10, 50, 4, checkpoint, 7);
    }

    /** Collects the events of the job(s) until one for {@code model} finishes. */
    private List<TrainingStatus> awaitFinished(String model, Runnable start) throws InterruptedException {
        List<TrainingStatus> events = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        training.subscribe(s -> {
            if (s.model().equals(model)) {
                events.add(s);
                if (s.state().finished()) {
                    finished.countDown();
                }
            }
        });
        start.run();
        assertThat(finished.await(120, TimeUnit.SECONDS)).as("training finished").isTrue();
        return events;
    }

    @Test
    void aTinyJobLowersTheLossSavesTheBestCheckpointAndServesIt() throws Exception {
        Path checkpoint = dir.resolve("tiny.tgckpt");
        List<TrainingStatus> events = awaitFinished("tiny", () -> training.submit(tiny("tiny", checkpoint, 150)));

        TrainingStatus last = events.get(events.size() - 1);
        assertThat(events.get(0).state()).isEqualTo(TrainingState.QUEUED);
        assertThat(last.state()).as(last.message()).isEqualTo(TrainingState.DONE);
        double firstTrainLoss = events.stream().filter(e -> Double.isFinite(e.trainLoss())).findFirst().orElseThrow().trainLoss();
        System.out.printf("Tiny job: %d events, first train loss %.3f, best val loss %.3f, %.0f tokens/s%n",
                events.size(), firstTrainLoss, last.bestValLoss(), last.tokensPerSecond());
        assertThat(last.bestValLoss()).isLessThan(Math.log(TEXT.chars().distinct().count()) / 2); // from ≈ ln V at the start
        assertThat(last.iteration()).isEqualTo(150);
        assertThat(training.latest("tiny")).contains(last);

        LoadedModel loaded = CheckpointFile.load(checkpoint);
        assertThat(loaded.metadata().bestValLoss()).isEqualTo(last.bestValLoss());
        assertThat(registry.find("tiny")).hasValueSatisfying(m -> assertThat(m.metadata().bestValLoss()).isEqualTo(last.bestValLoss()));
    }

    @Test
    void aCancelledJobEndsCancelled() throws Exception {
        Path checkpoint = dir.resolve("long.tgckpt");
        TrainingService.Job[] job = new TrainingService.Job[1];
        List<TrainingStatus> events = awaitFinished("long", () -> {
            job[0] = training.submit(tiny("long", checkpoint, 1_000_000));
            job[0].cancel();
        });
        assertThat(events.get(events.size() - 1).state()).isEqualTo(TrainingState.CANCELLED);
        assertThat(registry.find("long")).isEmpty();
    }

    @Test
    void aSecondJobQueuesAndCancellingItWhileQueuedEndsItAtOnce() throws Exception {
        training.submit(tiny("running", dir.resolve("running.tgckpt"), 1_000_000));
        TrainingService.Job queued = training.submit(tiny("waiting", dir.resolve("waiting.tgckpt"), 10));
        assertThat(training.latest("waiting").orElseThrow().state()).isEqualTo(TrainingState.QUEUED);
        assertThat(training.active()).extracting(TrainingStatus::model).containsExactly("running", "waiting");

        queued.cancel(); // the running job is still running: the queued one must not wait for it to say so

        assertThat(training.latest("waiting").orElseThrow().state()).isEqualTo(TrainingState.CANCELLED);
        assertThat(training.isTraining("running")).isTrue();
        assertThat(training.cancelAndWait("running", Duration.ofSeconds(60))).isTrue();
        assertThat(training.latest("running").orElseThrow().state()).isEqualTo(TrainingState.CANCELLED);
        assertThat(dir.resolve("waiting.tgckpt")).doesNotExist();
    }

    @Test
    void aCorruptDefaultCheckpointIsReportedAndNotServedWhenTrainingOnStartIsOff() throws Exception {
        Path file = dir.resolve("default.tgckpt");
        Files.writeString(file, "TGGPTCKP but not really a checkpoint at all, just text");
        DefaultModel defaults = defaultModel();

        defaults.prepare(file, false);

        assertThat(registry.find(ModelRegistry.DEFAULT)).isEmpty();
        assertThat(registry.problem(ModelRegistry.DEFAULT)).hasValueSatisfying(p -> assertThat(p).contains("unusable"));
        assertThat(training.latest(ModelRegistry.DEFAULT)).isEmpty();
    }

    @Test
    void aCorruptDefaultCheckpointIsReportedAndRetrained() throws Exception {
        Path file = dir.resolve("default.tgckpt");
        Files.write(file, new byte[] {1, 2, 3});
        DefaultModel defaults = defaultModel();

        List<TrainingStatus> events = awaitFinished(ModelRegistry.DEFAULT, () -> defaults.prepare(file, true));

        assertThat(events.get(events.size() - 1).state()).isEqualTo(TrainingState.DONE);
        assertThat(registry.find(ModelRegistry.DEFAULT)).isPresent();
        assertThat(registry.problem(ModelRegistry.DEFAULT)).isEmpty();
        assertThat(CheckpointFile.load(file).metadata().corpusName()).isEqualTo("guide");

        // And the next start simply loads it.
        ModelRegistry fresh = new ModelRegistry();
        new DefaultModel(properties(), fresh, training, content(), dir.toString()).prepare(file, false);
        assertThat(fresh.find(ModelRegistry.DEFAULT)).isPresent();
    }

    private DefaultModel defaultModel() {
        return new DefaultModel(properties(), registry, training, content(), dir.toString());
    }

    private static PlaygroundProperties properties() {
        return new PlaygroundProperties(false, "", TINY, 60, 8, 3e-3, 5, 30, 2, 100, 50, 1, Duration.ofSeconds(10), 1, 0, 100, Duration.ofSeconds(20));
    }

    private static GuideContent content() {
        GuideContent content = mock(GuideContent.class);
        GuideDocument document = new GuideDocument("doc", "doc.md", "Doc", "", 1, "all", "", List.of(), List.of(), List.of(), List.of(),
                Set.of(), List.of(), List.of(new Section("s", "Foxes", 1, TEXT)), 0, List.of());
        when(content.documents()).thenReturn(List.of(document));
        return content;
    }
}
