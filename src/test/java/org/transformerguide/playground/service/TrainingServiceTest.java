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
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;
import org.transformerguide.playground.checkpoint.CheckpointFile;
import org.transformerguide.playground.checkpoint.LoadedModel;
import org.transformerguide.testing.SelfContained;

/** Training jobs end to end on a tiny model: a few seconds each. */
@SelfContained
class TrainingServiceTest {

    static final String TEXT = "the quick brown fox jumps over the lazy dog. ".repeat(40);
    static final PlaygroundProperties.Preset TINY = new PlaygroundProperties.Preset(2, 2, 16, 16);

    private final ServedModelRegistry registry = new ServedModelRegistry();
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

    /**
     * A job cancelled mid-way (what a restart does to it) leaves no checkpoint under the final name, only its
     * partial best and a resume point; the same request on a new service (a new start) continues from the
     * last evaluation with AdamW's state, finishes, and only then writes the final checkpoint. Its loss curve
     * includes the part before the interruption.
     */
    @Test
    void anInterruptedJobLeavesNoFinalCheckpointAndResumesFromItsLastEvaluation() throws Exception {
        Path checkpoint = dir.resolve("resumed.tgckpt");
        TrainingRequest request = new TrainingRequest("resumed", "test", TEXT, TINY, 400, 8, 3e-3, 10, 20, 2, checkpoint, 7);
        CountDownLatch evaluated = new CountDownLatch(3);
        training.subscribe(s -> {
            if (s.model().equals("resumed") && s.message().equals("Saved the best checkpoint so far")) {
                evaluated.countDown();
            }
        });
        training.submit(request);
        assertThat(evaluated.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(training.cancelAndWait("resumed", Duration.ofSeconds(60))).isTrue();
        int stoppedAt = training.latest("resumed").orElseThrow().iteration();
        assertThat(stoppedAt).isBetween(60, 399);
        assertThat(checkpoint).as("no half-trained model under the final name").doesNotExist();
        assertThat(ResumePoint.partialFile(checkpoint)).exists();
        assertThat(ResumePoint.resumable(checkpoint)).isTrue();
        ResumePoint point = ResumePoint.read(ResumePoint.fileFor(checkpoint), ResumePoint.fingerprint(request),
                TINY.withVocabulary(CheckpointFile.load(ResumePoint.partialFile(checkpoint)).tokenizer().vocabSize()).parameterCount())
                .orElseThrow();
        assertThat(point.iteration()).isEqualTo(stoppedAt / 20 * 20);
        assertThat(point.moments().step()).as("AdamW's step count is saved").isEqualTo(point.iteration());

        ServedModelRegistry restartedRegistry = new ServedModelRegistry();
        TrainingService restarted = new TrainingService(restartedRegistry);
        try {
            List<TrainingStatus> events = new CopyOnWriteArrayList<>();
            CountDownLatch finished = new CountDownLatch(1);
            restarted.subscribe(s -> {
                events.add(s);
                if (s.state().finished()) {
                    finished.countDown();
                }
            });
            restarted.submit(request);
            assertThat(finished.await(120, TimeUnit.SECONDS)).isTrue();
            TrainingStatus last = events.get(events.size() - 1);
            assertThat(last.state()).as(last.message()).isEqualTo(TrainingState.DONE);
            int resumedAt = events.stream().map(TrainingStatus::message).toList().indexOf("Resumed from iteration " + point.iteration());
            assertThat(resumedAt).as("says it resumed").isNotNegative();
            assertThat(events.get(resumedAt).iteration()).isEqualTo(point.iteration());
            TrainingStatus firstRunning = events.get(resumedAt + 1);
            assertThat(firstRunning.iteration()).as("continues after the saved iteration").isGreaterThan(point.iteration());
            assertThat(firstRunning.trainLoss()).as("from trained weights, not from ln V")
                    .isLessThan(Math.log(TEXT.chars().distinct().count()) - 0.5);
            assertThat(checkpoint).exists();
            assertThat(ResumePoint.partialFile(checkpoint)).doesNotExist();
            assertThat(ResumePoint.fileFor(checkpoint)).doesNotExist();
            assertThat(CheckpointFile.load(checkpoint).metadata().iterations()).isGreaterThan(point.iteration());
            assertThat(restarted.history("resumed")).extracting(LossPoint::iteration).contains(20, 400);

            // Another start shows that finished job, curve included, before any job runs.
            TrainingService third = new TrainingService(new ServedModelRegistry());
            third.recall(checkpoint);
            assertThat(third.latest("resumed")).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(TrainingState.DONE));
            assertThat(third.history("resumed")).extracting(LossPoint::iteration).contains(20, 400);
            third.destroy();
        } finally {
            restarted.destroy();
        }
    }

    @Test
    void aCorruptDefaultCheckpointIsReportedAndNotServedWhenTrainingOnStartIsOff() throws Exception {
        Path file = dir.resolve("default.tgckpt");
        Files.writeString(file, "TGGPTCKP but not really a checkpoint at all, just text");
        DefaultModelLoader defaults = defaultModel();

        defaults.prepare(file, false);

        assertThat(registry.find(ServedModelRegistry.DEFAULT)).isEmpty();
        assertThat(registry.problem(ServedModelRegistry.DEFAULT)).hasValueSatisfying(p -> assertThat(p).contains("unusable"));
        assertThat(training.latest(ServedModelRegistry.DEFAULT)).isEmpty();
    }

    @Test
    void aCorruptDefaultCheckpointIsReportedAndRetrained() throws Exception {
        Path file = dir.resolve("default.tgckpt");
        Files.write(file, new byte[] {1, 2, 3});
        DefaultModelLoader defaults = defaultModel();

        List<TrainingStatus> events = awaitFinished(ServedModelRegistry.DEFAULT, () -> defaults.prepare(file, true));

        assertThat(events.get(events.size() - 1).state()).isEqualTo(TrainingState.DONE);
        assertThat(registry.find(ServedModelRegistry.DEFAULT)).isPresent();
        assertThat(registry.problem(ServedModelRegistry.DEFAULT)).isEmpty();
        assertThat(CheckpointFile.load(file).metadata().corpusName()).isEqualTo("guide");

        // And the next start simply loads it.
        ServedModelRegistry fresh = new ServedModelRegistry();
        new DefaultModelLoader(properties(), fresh, training, content(), dir.toString()).prepare(file, false);
        assertThat(fresh.find(ServedModelRegistry.DEFAULT)).isPresent();
    }

    /**
     * First start with the checkpoint shipped in the jar: it is copied into the model directory and served at
     * once, no training job starts, and the training monitor shows how it was trained (its record).
     */
    @Test
    void onFirstStartTheBundledModelIsInstalledAndServedWithItsTrainingCurve() throws Exception {
        Path file = dir.resolve("models/default.tgckpt");
        DefaultModelLoader defaults = defaultModel();

        defaults.installBundled(file);
        defaults.prepare(file, true);

        LoadedModel bundled = CheckpointFile.load(file);
        assertThat(bundled.tokenizer()).isInstanceOf(org.transformerguide.playground.tokenizer.BytePairTokenizer.class);
        assertThat(bundled.model().config().vocabSize()).isEqualTo(1024);
        assertThat(registry.find(ServedModelRegistry.DEFAULT)).isPresent();
        assertThat(training.idle()).as("nothing to train").isTrue();
        TrainingStatus shown = training.latest(ServedModelRegistry.DEFAULT).orElseThrow();
        assertThat(shown.state()).isEqualTo(TrainingState.DONE);
        assertThat(shown.bestBitsPerChar()).isBetween(1.0, 3.0);
        assertThat(training.history(ServedModelRegistry.DEFAULT)).hasSizeGreaterThan(10);
        // A model directory that already has a default model keeps it.
        long size = Files.size(file);
        Files.write(file, new byte[] {1, 2, 3});
        defaults.installBundled(file);
        assertThat(Files.size(file)).isEqualTo(3).isNotEqualTo(size);
    }

    private DefaultModelLoader defaultModel() {
        return new DefaultModelLoader(properties(), registry, training, content(), dir.toString());
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
