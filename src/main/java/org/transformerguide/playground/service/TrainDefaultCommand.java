package org.transformerguide.playground.service;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.transformerguide.content.ContentCatalog;
import org.transformerguide.content.ContentProperties;
import org.transformerguide.content.ContentSource;
import org.transformerguide.content.GuideContent;
import org.transformerguide.playground.checkpoint.CheckpointFile;

/**
 * {@code java -jar transformer-guide.jar --train-default}: trains the default model into the data
 * directory ahead of time (for a Docker image build, or before a workshop), printing its progress, and
 * exits: 0 when the checkpoint is saved and loads back, 1 otherwise. No web server, no database: the
 * command starts only the guide's content (the corpus) and the training service, with the same settings
 * (application.properties, command-line arguments, environment) as the platform. With
 * {@code --guide.playground.bundle-dir=src/main/resources/playground} it also writes the result as the
 * model shipped in the jar (half precision, {@link BundledModel}).
 */
public final class TrainDefaultCommand {

    public static final String FLAG = "--train-default";
    /** A line at most this often between evaluations: a log a person can read, not one per step. */
    private static final long PRINT_EVERY_NANOS = 5_000_000_000L;

    private TrainDefaultCommand() {
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /** Runs the command with the platform's settings and {@code args}; returns the process exit code. */
    public static int run(String[] args) {
        String[] settings = Arrays.stream(args).filter(a -> !a.equals(FLAG)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Beans.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(settings)) {
            int code = train(context.getBean(DefaultModelHolder.class).model(), context.getBean(TrainingService.class), System.out);
            String bundle = context.getEnvironment().getProperty("guide.playground.bundle-dir", "");
            if (code == 0 && !bundle.isBlank()) {
                Path file = BundledModel.write(context.getBean(DefaultModelHolder.class).model().checkpoint(), Path.of(bundle));
                System.out.println("Wrote the bundled default model (half precision) to " + file.toAbsolutePath());
            }
            return code;
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("Training the default model failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Trains the default model into its checkpoint, prints progress to {@code out} and waits for the end.
     * Returns 0 if the job finished and the saved checkpoint loads, 1 if it failed or was cancelled.
     */
    static int train(DefaultModelLoader defaultModel, TrainingService training, PrintStream out) {
        Path file = defaultModel.checkpoint();
        TrainingRequest request = defaultModel.request(file);
        out.printf(Locale.ROOT, "Training the default model: %s (%,d characters), %d layers, %d heads, width %d, block %d, "
                        + "%d iterations of batch %d, %s tokenizer%s, dropout %.2f, seed %d -> %s%n", request.corpusName(),
                request.corpus().length(), request.preset().nLayer(), request.preset().nHead(), request.preset().nEmbd(),
                request.preset().blockSize(), request.iterations(), request.batchSize(), request.tokenizer().kind().id(),
                request.tokenizer().kind() == TokenizerSpec.Kind.BPE ? " " + request.tokenizer().vocabSize() : "",
                request.dropout(), request.seed(), file.toAbsolutePath());
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<TrainingStatus> last = new AtomicReference<>();
        AtomicLong lastPrint = new AtomicLong(System.nanoTime() - PRINT_EVERY_NANOS);
        AtomicLong lastEvaluated = new AtomicLong(-1);
        Runnable unsubscribe = training.subscribe(status -> {
            if (!ServedModelRegistry.DEFAULT.equals(status.model())) {
                return;
            }
            last.set(status);
            long now = System.nanoTime();
            boolean newEvaluation = Double.isFinite(status.valLoss()) && status.iteration() != lastEvaluated.get()
                    && status.message() != null && !status.message().equals("Training");
            if (status.state().finished() || newEvaluation || now - lastPrint.get() >= PRINT_EVERY_NANOS) {
                out.println(line(status));
                lastPrint.set(now);
                if (newEvaluation) {
                    lastEvaluated.set(status.iteration());
                }
            }
            if (status.state().finished()) {
                finished.countDown();
            }
        });
        try {
            training.submit(request);
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            training.cancel(ServedModelRegistry.DEFAULT);
            out.println("Interrupted; the best checkpoint so far (if any) is kept.");
            return 1;
        } finally {
            unsubscribe.run();
        }
        TrainingStatus end = last.get();
        if (end == null || end.state() != TrainingState.DONE) {
            out.println("The default model was not trained: " + (end == null ? "no result" : end.message()));
            return 1;
        }
        try {
            CheckpointFile.load(file); // what the server will load: prove it reads back
        } catch (Exception e) {
            out.println("The saved checkpoint does not load: " + e.getMessage());
            return 1;
        }
        out.println("Saved the default model to " + file.toAbsolutePath());
        return 0;
    }

    /** One progress line: "iteration 250/1500  train 2.103  val 2.210 (best 2.210)  5,120 tokens/s  ETA 3m 12s". */
    static String line(TrainingStatus s) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-9s iteration %d/%d", s.state(), s.iteration(),
                s.totalIterations()));
        if (Double.isFinite(s.trainLoss())) {
            text.append(String.format(Locale.ROOT, "  train %.3f", s.trainLoss()));
        }
        if (Double.isFinite(s.valLoss())) {
            text.append(String.format(Locale.ROOT, "  val %.3f", s.valLoss()));
        }
        if (Double.isFinite(s.valBitsPerChar())) {
            text.append(String.format(Locale.ROOT, " = %.3f bits/char", s.valBitsPerChar()));
        }
        if (Double.isFinite(s.bestValLoss())) {
            text.append(String.format(Locale.ROOT, " (best %.3f", s.bestValLoss()));
            text.append(Double.isFinite(s.bestBitsPerChar()) ? String.format(Locale.ROOT, " = %.3f bits/char)", s.bestBitsPerChar()) : ")");
        }
        if (s.tokensPerSecond() > 0) {
            text.append(String.format(Locale.ROOT, "  %,.0f tokens/s", s.tokensPerSecond()));
        }
        if (!s.state().finished() && s.etaSeconds() >= 0) {
            text.append(String.format(Locale.ROOT, "  ETA %dm %02ds", s.etaSeconds() / 60, s.etaSeconds() % 60));
        }
        if (s.state().finished() && s.message() != null) {
            text.append("  ").append(s.message());
        }
        return text.toString();
    }

    /**
     * Only what training the default model needs. The DefaultModelLoader here is not a listener of the
     * application's start (it is built by hand, not scanned), so it never starts a second job by itself.
     * Not a {@code @Configuration}, so the platform's component scan never picks these beans up; as the
     * command's source class its bean methods and imports are processed all the same.
     */
    @EnableConfigurationProperties({PlaygroundProperties.class, ContentProperties.class})
    static class Beans {

        @Bean
        GuideContent guideContent(ContentProperties content) {
            return new ContentCatalog(new ContentSource(content.location()), new LinkedHashSet<>(content.planned()), false,
                    content.sourceUrl());
        }

        @Bean
        ServedModelRegistry modelRegistry() {
            return new ServedModelRegistry();
        }

        @Bean
        TrainingService trainingService(ServedModelRegistry registry) {
            return new TrainingService(registry);
        }

        @Bean
        DefaultModelHolder defaultModel(PlaygroundProperties properties, ServedModelRegistry registry, TrainingService training,
                                        GuideContent content, @Value("${guide.data-dir:./data}") String dataDir) {
            return new DefaultModelHolder(new DefaultModelLoader(properties, registry, training, content, dataDir));
        }
    }

    /** Keeps the DefaultModelLoader out of the context's event listeners (see {@link Beans}). */
    record DefaultModelHolder(DefaultModelLoader model) {
    }
}
